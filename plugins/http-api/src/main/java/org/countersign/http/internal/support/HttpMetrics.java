package org.countersign.http.internal.support;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Prometheus metrics: JVM metrics plus request counts and latencies per route template. */
public final class HttpMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public HttpMetrics() {
        JvmMetrics.builder().register(registry);
        requests = Counter.builder()
                .name("countersign_http_requests_total")
                .help("HTTP requests by method, route template and status")
                .labelNames("method", "route", "status")
                .register(registry);
        duration = Histogram.builder()
                .name("countersign_http_request_duration_seconds")
                .help("HTTP request latency by method and route template")
                .labelNames("method", "route")
                .register(registry);
    }

    /** Called once per request after the response is complete. */
    public void record(Context ctx, float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        String method = ctx.method().name();
        requests.labelValues(method, route, Integer.toString(ctx.statusCode())).inc();
        duration.labelValues(method, route).observe(millis / 1000.0);
    }

    public void scrape(Context ctx) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(out.toByteArray());
    }
}
