package org.countersign.core.internal.support;

/**
 * What text that names something (a resource, workspace, user, key, label) may hold: no control characters
 * (NUL included), no bidirectional overrides or isolates that make a name read differently from what it is,
 * and no lone surrogates, which cannot be stored as UTF-8 and would silently turn into '?'.
 */
public final class Text {

    private Text() {
    }

    /** Why {@code text} may not name something, or null when it may. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (isBidiControl(c)) {
                return "must not contain bidirectional control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain a lone surrogate";
            }
        }
        return null;
    }

    /** The embeddings, overrides, isolates and marks of Unicode's bidirectional algorithm. */
    private static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                || c == '\u061C';
    }
}
