package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.countersign.http.internal.metrics.HttpMetrics;

/** Endpoints without authentication besides /health: the OpenAPI description and Prometheus metrics. */
public final class PublicRoutes implements RouteGroup {

    private final HttpMetrics metrics;
    private final byte[] openApi;

    public PublicRoutes(HttpMetrics metrics) {
        this.metrics = metrics;
        this.openApi = load("/openapi.json");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/metrics", metrics::scrape);
    }

    private static byte[] load(String resource) {
        try (InputStream in = PublicRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
