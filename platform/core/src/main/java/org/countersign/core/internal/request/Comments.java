package org.countersign.core.internal.request;

import java.util.List;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/** Comments on requests: optional ones become null when blank, required ones answer {@code comment_required}. */
final class Comments {

    private static final int MAX = 10_000;

    private Comments() {
    }

    static String optional(String text) {
        return text == null || text.isBlank() ? null : bounded(text);
    }

    static String required(String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException("comment_required", "A comment is required",
                    List.of(new FieldError("/comment", "is required")));
        }
        return bounded(text);
    }

    private static String bounded(String text) {
        if (text.length() > MAX) {
            throw new BadRequestException("validation_failed", "The comment is too long",
                    List.of(new FieldError("/comment", "must be at most " + MAX + " characters")));
        }
        return text;
    }
}
