package org.countersign.http.internal.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The HTTP layer's side of the metrics: counts each request by route template, and serves the scrape. */
public final class HttpMetrics {

    private final PrometheusTelemetry telemetry;

    public HttpMetrics(PrometheusTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** Called once per request after the response is complete. */
    public void record(Context ctx, float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        telemetry.httpRequest(ctx.method().name(), route, ctx.statusCode(), millis / 1000.0);
    }

    public void scrape(Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            telemetry.scrape(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
    }
}
