package org.countersign.http.internal;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.countersign.api.error.CountersignException;
import org.countersign.http.internal.console.ConsoleDispatch;
import org.countersign.http.internal.jetty.ProblemErrorHandler;
import org.countersign.http.internal.metrics.HttpMetrics;
import org.countersign.http.internal.routes.RouteGroup;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.BodyGuard;
import org.countersign.http.internal.support.PathGuard;
import org.countersign.http.internal.support.Problems;
import org.countersign.http.internal.support.RequestIds;
import org.eclipse.jetty.http.UriCompliance;

/**
 * Builds the Javalin application: request id, path and body checks, authentication of {@code /api/v1}, the
 * routes, and the single mapping of failures to problem details. Jetty is set to refuse ambiguous URIs and
 * to answer its own refusals as problem details too.
 */
final class ApiApplication {

    private static final String API = "/api/v1/*";
    private static final String PUBLIC_API_PATH = "/api/v1/openapi.json";

    record Settings(String host, int port, long maxBodyBytes) {
    }

    private ApiApplication() {
    }

    static Javalin create(Settings settings, Authentication authentication, HttpMetrics metrics, ConsoleDispatch console,
            List<RouteGroup> groups) {
        BodyGuard bodyGuard = new BodyGuard(settings.maxBodyBytes());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.host();
            cfg.jetty.port = settings.port();
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http(metrics::record);
            cfg.jetty.modifyHttpConfiguration(http -> {
                // Javalin picks LEGACY; the default refuses ambiguous paths (%2F, %2e%2e, //, %5C) with a 400
                http.setUriCompliance(UriCompliance.DEFAULT);
                // a cached header value must never stand in for a case variant of it (e.g. a bearer token)
                http.setHeaderCacheCaseSensitive(true);
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));

            cfg.routes.before(RequestIds::assign);
            cfg.routes.before(PathGuard::check);
            cfg.routes.before(console::before);
            cfg.routes.before(bodyGuard::check);
            cfg.routes.beforeMatched(API, ctx -> {
                if (!ctx.path().equals(PUBLIC_API_PATH)) {
                    authentication.authenticate(ctx);
                }
            });
            groups.forEach(group -> group.addTo(cfg.routes));
            cfg.routes.exception(CountersignException.class, Problems::countersign);
            cfg.routes.exception(HttpResponseException.class, Problems::javalin);
            cfg.routes.exception(Exception.class, Problems::unexpected);
        });
    }
}
