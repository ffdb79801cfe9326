package org.countersign.http.internal.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.countersign.api.web.WebConsole;
import org.countersign.api.web.WebResource;

/**
 * Hands every {@code GET} outside the API's own paths to the installed web console, if any. The console comes and
 * goes with its bundle: while it is away these paths answer 404 and the API carries on.
 */
public final class ConsoleDispatch {

    /** Paths that belong to the server itself, never to the console. */
    private static final List<String> RESERVED_PREFIXES = List.of("/api/", "/console/");
    private static final List<String> RESERVED_PATHS = List.of("/api", "/health", "/metrics");
    /** Pages are only ever loaded from this server, never framed, and never run scripts from elsewhere. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Supplier<WebConsole> console;

    public ConsoleDispatch(Supplier<WebConsole> console) {
        this.console = console;
    }

    public void before(Context ctx) {
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD || reserved(ctx.path())) {
            return;
        }
        WebConsole current = console.get();
        Optional<WebResource> resource = current == null ? Optional.empty() : current.resource(ctx.path());
        if (resource.isEmpty()) {
            return;
        }
        WebResource found = resource.get();
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", found.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        ctx.status(200).contentType(found.contentType()).result(found.body());
        ctx.skipRemainingHandlers();
    }

    private static boolean reserved(String path) {
        return RESERVED_PATHS.contains(path) || RESERVED_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
