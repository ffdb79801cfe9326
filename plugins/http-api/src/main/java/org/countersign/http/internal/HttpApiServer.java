package org.countersign.http.internal;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.countersign.api.config.ConfigKeys;
import org.countersign.api.config.RuntimeConfig;
import org.countersign.api.error.CountersignException;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.Store;
import org.countersign.http.internal.routes.HealthRoutes;
import org.countersign.http.internal.routes.IdentityRoutes;
import org.countersign.http.internal.routes.PublicRoutes;
import org.countersign.http.internal.routes.ResourceTypeRoutes;
import org.countersign.http.internal.routes.RouteGroup;
import org.countersign.http.internal.routes.SystemRoutes;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.BodyGuard;
import org.countersign.http.internal.support.HttpMetrics;
import org.countersign.http.internal.support.Problems;
import org.countersign.http.internal.support.RequestIds;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on {@code http.host}:{@code http.port}. Routes are fixed when Javalin is built,
 * so the server is built once its services are there; dynamic parts (resource types) are read per request.
 */
@Component(immediate = true)
public class HttpApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final String API = "/api/v1/*";

    private final Javalin app;

    @Activate
    public HttpApiServer(BundleContext context, @Reference Store store, @Reference IdentityService identity,
            @Reference ResourceTypes types) {
        RuntimeConfig config = new RuntimeConfig(context::getProperty);
        String host = config.get(ConfigKeys.HTTP_HOST, "127.0.0.1");
        int port = config.getInt(ConfigKeys.HTTP_PORT, 7070);
        long maxBody = config.getLong(ConfigKeys.HTTP_MAX_BODY_BYTES, 1_048_576L);

        HttpMetrics metrics = new HttpMetrics();
        List<RouteGroup> groups = List.of(
                new HealthRoutes(context, store),
                new PublicRoutes(metrics),
                new IdentityRoutes(identity),
                new SystemRoutes(context),
                new ResourceTypeRoutes(types));
        Authentication authentication = new Authentication(identity);
        BodyGuard bodyGuard = new BodyGuard(maxBody);

        app = withBundleClassLoader(() -> Javalin.create(cfg -> configure(cfg, host, port, maxBody, metrics,
                authentication, bodyGuard, groups)));
        withBundleClassLoader(() -> app.start());
        LOG.info("HTTP API listening on http://{}:{}", host, app.port());
    }

    private static void configure(JavalinConfig cfg, String host, int port, long maxBody, HttpMetrics metrics,
            Authentication authentication, BodyGuard bodyGuard, List<RouteGroup> groups) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jetty.host = host;
        cfg.jetty.port = port;
        cfg.http.maxRequestSize = maxBody;
        cfg.http.prefer405over404 = true;
        cfg.requestLogger.http(metrics::record);

        cfg.routes.before(RequestIds::assign);
        cfg.routes.before(bodyGuard::check);
        cfg.routes.beforeMatched(API, ctx -> {
            if (!ctx.path().equals("/api/v1/openapi.json")) {
                authentication.authenticate(ctx);
            }
        });
        groups.forEach(group -> group.addTo(cfg.routes));
        cfg.routes.exception(CountersignException.class, Problems::countersign);
        cfg.routes.exception(HttpResponseException.class, Problems::javalin);
        cfg.routes.exception(Exception.class, Problems::unexpected);
    }

    /** Jetty and Javalin look up services through the context class loader. */
    private static <T> T withBundleClassLoader(java.util.function.Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(HttpApiServer.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Deactivate
    void deactivate() {
        withBundleClassLoader(app::stop);
        LOG.info("HTTP API stopped");
    }
}
