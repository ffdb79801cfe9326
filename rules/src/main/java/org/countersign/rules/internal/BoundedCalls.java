package org.countersign.rules.internal;

/**
 * Stand-ins for allowlisted JDK and Groovy methods whose own implementation can run long inside one call:
 * Java's regex methods backtrack without bound. {@link AllowlistExtension} binds a script's call of such a
 * method to the stand-in of the same shape here, which gives the same answer on RE2/J. Each takes the receiver
 * first, as Groovy's extension methods do.
 */
public final class BoundedCalls {

    private BoundedCalls() {
    }

    public static boolean matches(String self, String regex) {
        return Regex.matches(self, regex);
    }

    public static String[] split(String self, String regex) {
        return Regex.split(self, regex, 0);
    }

    public static String[] split(String self, String regex, int limit) {
        return Regex.split(self, regex, limit);
    }

    /** Groovy's {@code text.find(regex)}: the first match or null. */
    public static String find(CharSequence self, CharSequence regex) {
        return Regex.firstMatch(self, regex);
    }
}
