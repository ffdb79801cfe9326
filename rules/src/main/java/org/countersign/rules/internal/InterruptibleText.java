package org.countersign.rules.internal;

/**
 * A text that RE2/J reads character by character and that ends the match once the deadline has interrupted
 * the thread. RE2/J runs in time linear in the text, but a large pattern over a 1 MiB fact still takes
 * seconds, and its matcher has no interrupt checks of its own.
 */
final class InterruptibleText implements CharSequence {

    private final String text;

    InterruptibleText(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        Deadline.check();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        // only called to copy out a match, which is bounded by the text
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
