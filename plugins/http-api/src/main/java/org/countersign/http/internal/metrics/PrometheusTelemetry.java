package org.countersign.http.internal.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.storage.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Every metric {@code /metrics} serves, in one Prometheus registry: the JVM's, the HTTP layer's, what the engine,
 * the rules and the store report through {@link Telemetry}, and the store's backlogs read at each scrape.
 */
@Component(service = {Telemetry.class, PrometheusTelemetry.class})
public class PrometheusTelemetry implements Telemetry {

    /** From a quick review to a slow week: how long requests wait for approval and for going live. */
    private static final double[] WAIT_SECONDS = {1, 10, 60, 300, 900, 3600, 4 * 3600, 86_400, 3 * 86_400, 7 * 86_400};
    private static final double[] RULE_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
    private static final double[] LOCK_SECONDS = {0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1};
    private static final double[] BATCH_WRITES = {1, 2, 4, 8, 16, 32, 64};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter httpRequests;
    private final Histogram httpDuration;
    private final Histogram timeToApprove;
    private final Histogram timeToApply;
    private final Map<RuleOutcome, CounterDataPoint> ruleEvaluations = new EnumMap<>(RuleOutcome.class);
    private final Histogram ruleDuration;
    private final Histogram lockWait;
    private final Histogram commitBatch;

    @Activate
    public PrometheusTelemetry(@Reference Store store) {
        JvmMetrics.builder().register(registry);
        httpRequests = Counter.builder().name("countersign_http_requests_total")
                .help("HTTP requests by method, route template and status")
                .labelNames("method", "route", "status").register(registry);
        httpDuration = Histogram.builder().name("countersign_http_request_duration_seconds")
                .help("HTTP request latency by method and route template")
                .labelNames("method", "route").classicOnly().register(registry);
        timeToApprove = seconds("countersign_request_time_to_approve_seconds",
                "From submission to the last approval a request needed, by kind", WAIT_SECONDS, "kind");
        timeToApply = seconds("countersign_request_time_to_apply_seconds",
                "From submission to going live, by kind", WAIT_SECONDS, "kind");
        Counter evaluations = Counter.builder().name("countersign_rule_evaluations_total")
                .help("Evaluations of a rules script for one item, by outcome: decided, error or timeout (both fail"
                        + " closed)")
                .labelNames("outcome").register(registry);
        // every change evaluates rules: its three series are looked up once, not on each evaluation
        for (RuleOutcome outcome : RuleOutcome.values()) {
            ruleEvaluations.put(outcome, evaluations.labelValues(outcome.name().toLowerCase(Locale.ROOT)));
        }
        ruleDuration = seconds("countersign_rule_evaluation_duration_seconds",
                "How long evaluating a rules script for one item took", RULE_SECONDS);
        lockWait = seconds("countersign_store_write_lock_wait_seconds",
                "How long write transactions waited for their turn on the store's writer", LOCK_SECONDS);
        commitBatch = Histogram.builder().name("countersign_store_commit_batch_writes")
                .help("Write transactions that shared one durable commit").classicUpperBounds(BATCH_WRITES)
                .classicOnly().register(registry);
        new StoreGauges(store).register(registry);
    }

    private Histogram seconds(String name, String help, double[] bounds, String... labels) {
        return Histogram.builder().name(name).help(help).labelNames(labels).classicUpperBounds(bounds).classicOnly()
                .register(registry);
    }

    @Override
    public void requestApproved(String kind, Duration sinceSubmitted) {
        timeToApprove.labelValues(kind).observe(seconds(sinceSubmitted));
    }

    @Override
    public void requestApplied(String kind, Duration sinceSubmitted) {
        timeToApply.labelValues(kind).observe(seconds(sinceSubmitted));
    }

    @Override
    public void ruleEvaluated(RuleOutcome outcome, Duration took) {
        ruleEvaluations.get(outcome).inc();
        ruleDuration.observe(seconds(took));
    }

    @Override
    public void writeLockWaited(Duration waited) {
        lockWait.observe(seconds(waited));
    }

    @Override
    public void commitBatch(int writes) {
        commitBatch.observe(writes);
    }

    /** One HTTP request, once its response is complete. */
    void httpRequest(String method, String route, int status, double seconds) {
        httpRequests.labelValues(method, route, Integer.toString(status)).inc();
        httpDuration.labelValues(method, route).observe(seconds);
    }

    /** Writes every metric in the Prometheus text format. */
    void scrape(OutputStream out) throws IOException {
        writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
