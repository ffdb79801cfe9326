package org.countersign.http.internal.support;

import io.javalin.http.Context;
import java.util.List;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/** Typed query parameters with {@code validation_failed} for malformed values. */
public final class QueryParams {

    private QueryParams() {
    }

    public static Integer integer(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("validation_failed", name + " must be an integer",
                    List.of(new FieldError("/" + name, "must be an integer")));
        }
    }

    /** {@code true} or {@code false}; absent or empty is {@code fallback}. */
    public static boolean bool(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestException("validation_failed", name + " must be true or false",
                    List.of(new FieldError("/" + name, "must be true or false")));
        };
    }
}
