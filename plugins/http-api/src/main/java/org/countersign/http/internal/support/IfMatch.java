package org.countersign.http.internal.support;

/** The value of an {@code If-Match} header: {@code "3"}, {@code W/"3"} and {@code 3} all mean {@code 3}. */
public final class IfMatch {

    private IfMatch() {
    }

    /** The entity tag without its quotes or weak marker; null when the header is absent or blank. */
    public static String tag(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        return value.replace("\"", "");
    }
}
