package org.countersign.rules.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upper bound on the size of the program RE2/J compiles a pattern to, read from the pattern's text before
 * compiling it. RE2/J runs in time linear in the text, but it expands counted repetitions while compiling:
 * {@code ((a{1000}){1000}){1000}} would be a billion instructions, built in memory by one call that no deadline
 * can stop. Sizes are counted as RE2/J's compiler does, a little generously: one instruction per literal
 * character, class or assertion, one per alternative and per {@code * + ?}, two per capturing group, and
 * {@code x{n,m}} as {@code m} copies of {@code x} with an alternative for each optional one.
 */
final class RegexSize {

    /** RE2/J adds a match, a failure and the unanchored {@code .*?} loop to every program. */
    private static final int FIXED = 4;

    private RegexSize() {
    }

    /** The estimated size, or a number above {@code limit} as soon as the pattern is known to exceed it. */
    static long estimate(String regex, long limit) {
        Deque<Group> open = new ArrayDeque<>();
        Group group = new Group(false);
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < n && regex.charAt(i + 1) == 'Q') {
                int end = regex.indexOf("\\E", i + 2);
                int stop = end < 0 ? n : end;
                for (int k = i + 2; k < stop; k++) {
                    group.item(1);
                }
                i = end < 0 ? n : end + 2;
            } else if (c == '\\') {
                i = afterEscape(regex, i);
                group.item(1);
            } else if (c == '[') {
                i = afterClass(regex, i);
                group.item(1);
            } else if (c == '(' && flagsOnly(regex, i)) {
                i = regex.indexOf(')', i) + 1;
            } else if (c == '(') {
                open.push(group);
                group = new Group(capturing(regex, i));
                i = afterGroupHeader(regex, i);
            } else if (c == ')') {
                long size = group.size + (group.capturing ? 2 : 0);
                group = open.isEmpty() ? new Group(false) : open.pop();
                group.item(size);
                i++;
            } else if (c == '|') {
                group.size++;
                group.last = 0;
                i++;
            } else if (c == '*' || c == '+' || c == '?') {
                group.size++;
                group.last++;
                i++;
            } else if (c == '{' && repetition(regex, i) != null) {
                int[] counts = repetition(regex, i);
                group.repeat(counts[0], counts[1]);
                i = counts[2];
            } else {
                group.item(1);
                i++;
            }
            if (group.size > limit || open.stream().anyMatch(g -> g.size > limit)) {
                return limit + 1;
            }
        }
        long total = group.size;
        for (Group outer : open) {
            total += outer.size;
        }
        return total + FIXED;
    }

    /** {@code (?i)} or {@code (?s-m)}: sets flags, opens no group. */
    private static boolean flagsOnly(String regex, int i) {
        if (!regex.startsWith("(?", i)) {
            return false;
        }
        for (int j = i + 2; j < regex.length(); j++) {
            char c = regex.charAt(j);
            if (c == ')') {
                return true;
            }
            if (!Character.isLetter(c) && c != '-') {
                return false;
            }
        }
        return false;
    }

    /** {@code (x)}, {@code (?P<name>x)} and {@code (?<name>x)} capture; {@code (?:x)} and {@code (?i:x)} do not. */
    private static boolean capturing(String regex, int i) {
        return !regex.startsWith("(?", i) || named(regex, i);
    }

    private static boolean named(String regex, int i) {
        return regex.startsWith("(?P<", i)
                || (regex.startsWith("(?<", i) && !regex.startsWith("(?<=", i) && !regex.startsWith("(?<!", i));
    }

    /** The index of a group's first character after its {@code (}, {@code (?:}, {@code (?i:} or {@code (?<name>}. */
    private static int afterGroupHeader(String regex, int i) {
        int n = regex.length();
        if (!regex.startsWith("(?", i)) {
            return i + 1;
        }
        char stop = named(regex, i) ? '>' : ':';
        int j = i + 2;
        while (j < n && regex.charAt(j) != stop && regex.charAt(j) != ')') {
            j++;
        }
        return j < n && regex.charAt(j) == stop ? j + 1 : Math.min(i + 2, n);
    }

    /** The index after an escape such as {@code \d}, {@code \p{Greek}} or {@code \x{263a}}. */
    private static int afterEscape(String regex, int i) {
        int n = regex.length();
        if (i + 1 >= n) {
            return n;
        }
        char kind = regex.charAt(i + 1);
        if ((kind == 'p' || kind == 'P' || kind == 'x') && i + 2 < n && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            return close < 0 ? n : close + 1;
        }
        if (kind == 'x') {
            return Math.min(i + 4, n);
        }
        return i + 2;
    }

    /** The index after a character class such as {@code [^]a-z\]]} or {@code [[:alpha:]_]}. */
    private static int afterClass(String regex, int i) {
        int n = regex.length();
        int j = i + 1;
        if (j < n && regex.charAt(j) == '^') {
            j++;
        }
        if (j < n && regex.charAt(j) == ']') {
            j++;
        }
        while (j < n) {
            char c = regex.charAt(j);
            if (c == '\\') {
                j = afterEscape(regex, j);
            } else if (c == '[' && j + 1 < n && regex.charAt(j + 1) == ':') {
                int close = regex.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i} as {min, max (-1: none), next index}, else null. */
    private static int[] repetition(String regex, int i) {
        int n = regex.length();
        int j = i + 1;
        int min = 0;
        int digits = 0;
        while (j < n && Character.isDigit(regex.charAt(j)) && digits < 5) {
            min = min * 10 + (regex.charAt(j++) - '0');
            digits++;
        }
        if (digits == 0 || j >= n) {
            return null;
        }
        int max = min;
        if (regex.charAt(j) == ',') {
            j++;
            max = -1;
            int maxDigits = 0;
            int value = 0;
            while (j < n && Character.isDigit(regex.charAt(j)) && maxDigits < 5) {
                value = value * 10 + (regex.charAt(j++) - '0');
                maxDigits++;
            }
            if (maxDigits > 0) {
                max = value;
            }
        }
        if (j >= n || regex.charAt(j) != '}') {
            return null;
        }
        return new int[] {min, max, j + 1};
    }

    /** What has been read of one group: its size so far and the size of its last item, which a repetition repeats. */
    private static final class Group {

        final boolean capturing;
        long size;
        long last;

        Group(boolean capturing) {
            this.capturing = capturing;
        }

        void item(long itemSize) {
            size += itemSize;
            last = itemSize;
        }

        void repeat(int min, int max) {
            long copies = max < 0 ? Math.max(min, 1) : max;
            long optional = max < 0 ? 1 : max - min;
            long repeated = copies * last + Math.max(optional, 0);
            size += repeated - last;
            last = repeated;
        }
    }
}
