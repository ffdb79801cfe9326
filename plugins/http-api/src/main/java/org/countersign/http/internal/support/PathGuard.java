package org.countersign.http.internal.support;

import io.javalin.http.Context;
import java.util.Objects;
import org.countersign.api.error.BadRequestException;

/**
 * Refuses a URL path that decodes to control characters. Jetty's URI compliance already refuses NUL, the
 * other C0 controls and DEL, bad UTF-8 and ambiguous encodings before any route runs; this catches the C1
 * controls ({@code %C2%85}, {@code %C2%9B}, ...), which no slug or id holds and which would otherwise reach
 * logs and error details.
 */
public final class PathGuard {

    private PathGuard() {
    }

    public static void check(Context ctx) {
        String path = Objects.toString(ctx.req().getServletPath(), "") + Objects.toString(ctx.req().getPathInfo(), "");
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw new BadRequestException("invalid_request", "The URL path must not contain control characters");
        }
    }
}
