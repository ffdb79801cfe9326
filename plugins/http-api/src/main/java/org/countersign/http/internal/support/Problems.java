package org.countersign.http.internal.support;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.api.error.CountersignException;
import org.countersign.api.error.TooManyRequestsException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 problem details with a stable {@code code}. Unexpected
 * exceptions are logged with the request id and answered with a bare 500, never a stack trace.
 */
public final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void countersign(CountersignException e, Context ctx) {
        if (e.status() >= 500) {
            LOG.error("Request {} failed: {}", RequestIds.of(ctx), e.getMessage(), e);
        }
        Map<String, Object> problem = problem(e.status(), e.title(), e.code(), e.detail());
        if (!e.errors().isEmpty()) {
            problem.put("errors", e.errors());
        }
        e.extensions().forEach(problem::putIfAbsent);
        if (e instanceof TooManyRequestsException tooMany) {
            ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
        }
        write(ctx, e.status(), problem);
    }

    /** Javalin's own refusals: no route (404), wrong method (405), body over the limit (413), ... */
    public static void javalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> write(ctx, 404, problem(404, "Not found", "not_found", "No such resource: " + ctx.path()));
            case 405 -> write(ctx, 405, problem(405, "Method not allowed", "method_not_allowed",
                    ctx.method() + " is not supported on " + ctx.path()));
            case 413 -> write(ctx, 413, problem(413, "Body too large", "body_too_large",
                    "The request body exceeds the configured limit (http.max.body.bytes)"));
            default -> write(ctx, status, problem(status, e.getMessage(), code(status), e.getMessage()));
        }
    }

    public static void unexpected(Exception e, Context ctx) {
        HttpException refusal = jettyRefusal(e);
        if (refusal != null && refusal.getCode() < 500) {
            // Jetty's own refusal of a broken body (bad chunking, early end): the client's fault
            write(ctx, refusal.getCode(), server(refusal.getCode(), refusal.getReason()));
            return;
        }
        LOG.error("Request {} {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
        write(ctx, 500, problem(500, "Internal server error", "internal_error",
                "The server failed; quote request id " + RequestIds.of(ctx) + " when reporting it"));
    }

    /**
     * What Jetty answers by itself before any route runs: a malformed request line, URI or header (400), a URI
     * or headers over the size limits (414, 431), an unknown HTTP version (505). Jetty's reason is shown for
     * client errors only; a server error's reason may carry internals.
     */
    public static Map<String, Object> server(int status, String reason) {
        String title = title(status);
        String detail = status < 500 && reason != null && !reason.isBlank() ? reason : title;
        return problem(status, title, code(status), status == 400 ? "Malformed request: " + detail : detail);
    }

    private static HttpException jettyRefusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    /** The stable code of a status that has no more specific one. */
    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 500 -> "internal_error";
            case 505 -> "http_version_not_supported";
            default -> "http_" + status;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 500 -> "Internal server error";
            default -> HttpStatus.getMessage(status);
        };
    }

    private static Map<String, Object> problem(int status, String title, String code, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        return problem;
    }

    private static void write(Context ctx, int status, Map<String, Object> problem) {
        Json.write(ctx, status, problem);
        ctx.contentType("application/problem+json");
    }
}
