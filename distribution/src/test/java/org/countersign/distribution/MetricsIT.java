package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} tells an operator how the approval work goes, not only how the JVM does: requests waiting per
 * workspace, how long they waited for approval and for going live, rule evaluations and their failures, the
 * store's write turns and shared commits, the outbox backlog and deliveries per channel and state, dead ones
 * included. Each figure is checked against what the test did.
 */
class MetricsIT {

    private static final String WS = "/api/v1/workspaces/ops";
    private static final String SECRET = "metrics-webhook-secret";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RULES = """
            rule 'two', {
                approvals 2
            }
            rule 'broken', {
                when { resource.name == 'Broken' && resource.labels.team.length() > 0 }
                block 'never reached'
            }
            """;

    @TempDir
    Path dir;

    @Test
    void metricsCountTheApprovalWork() {
        try (Receiver good = new Receiver();
                Receiver failing = new Receiver().answering((path, call) -> 500);
                RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))
                        .env("COUNTERSIGN_NOTIFY_POLL_MS", "100")
                        .env("COUNTERSIGN_NOTIFY_BACKOFF_MS", "50")
                        .env("COUNTERSIGN_NOTIFY_MAX_ATTEMPTS", "2")) {
            server.start();
            Api api = server.api();
            WorkspaceFixtures fx = new WorkspaceFixtures(api);
            fx.workspace("ops");
            ObjectNode rules = Api.JSON.createObjectNode();
            rules.put("source", RULES);
            api.put(WS + "/rules", ADMIN_TOKEN, rules.toString()).expect(200);
            api.patch(WS + "/settings", ADMIN_TOKEN, "{\"notifications\":[{\"type\":\"webhook\",\"url\":\""
                    + good.url("/hook") + "\",\"secret\":\"" + SECRET + "\"},{\"type\":\"webhook\",\"url\":\""
                    + failing.url("/hook") + "\",\"secret\":\"" + SECRET + "\"}]}")
                    .expect(200);
            WorkspaceFixtures.Person first = fx.member(WS, "first@example.com", "workspace_editor");
            WorkspaceFixtures.Person second = fx.member(WS, "second@example.com", "workspace_editor");
            String source = fx.publishedSource(WS, "Warehouse");

            String applied = submit(api, source, "Orders");
            String waiting = submit(api, source, "Customers");
            String broken = submit(api, source, "Broken");
            assertThat(api.get(WS + "/requests/" + broken, ADMIN_TOKEN).json().get("blockedBy").toString())
                    .contains("rules error");
            api.post(WS + "/requests/" + applied + "/approve", first.token(), "{}").expect(200);
            assertThat(api.post(WS + "/requests/" + applied + "/approve", second.token(), "{}").expect(200).json()
                    .get("state").asText()).isEqualTo("applied");
            api.post(WS + "/requests/" + waiting + "/approve", first.token(), "{}").expect(200);

            String text = api.get("/metrics", null).expect(200).body();
            assertThat(value(text, "countersign_requests_open{state=\"open\",workspace=\"ops\"}")).isEqualTo(2);
            assertThat(value(text, "countersign_requests_open{state=\"approved\",workspace=\"ops\"}")).isZero();
            assertThat(value(text, "countersign_request_time_to_approve_seconds_count{kind=\"publish\"}")).isEqualTo(1);
            assertThat(value(text, "countersign_request_time_to_apply_seconds_count{kind=\"publish\"}")).isEqualTo(1);
            assertThat(value(text, "countersign_rule_evaluations_total{outcome=\"decided\"}")).isPositive();
            assertThat(value(text, "countersign_rule_evaluations_total{outcome=\"error\"}")).isPositive();
            assertThat(value(text, "countersign_rule_evaluation_duration_seconds_count")).isPositive();
            assertThat(value(text, "countersign_store_write_lock_wait_seconds_count")).isPositive();
            // every write that committed was in some batch, and each batch holds at least one write
            double commits = value(text, "countersign_store_commit_batch_writes_count");
            assertThat(commits).isPositive();
            assertThat(value(text, "countersign_store_commit_batch_writes_sum")).isGreaterThanOrEqualTo(commits);
            assertThat(text).contains("countersign_outbox_backlog ");
            assertThat(text).contains("countersign_http_requests_total{method=\"POST\","
                    + "route=\"/api/v1/workspaces/{ws}/requests/{rid}/approve\",status=\"200\"}");

            Await.until(WAIT, () -> {
                String now = api.get("/metrics", null).expect(200).body();
                assertThat(value(now, "countersign_deliveries{channel=\"webhook\",state=\"delivered\"}")).isPositive();
                assertThat(value(now, "countersign_deliveries{channel=\"webhook\",state=\"dead\"}")).isPositive();
                assertThat(value(now, "countersign_outbox_backlog")).isZero();
            });
        }
    }

    private static String submit(Api api, String source, String name) {
        String model = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"" + name
                + "\",\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select 1\",\"primaryKey\":\"id\"}}")
                .expect(201).json().get("id").asText();
        return api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"publish\",\"resources\":[\"" + model + "\"]}")
                .expect(201).json().get("id").asText();
    }

    /** The value of one sample line of the Prometheus text; fails when the line is missing. */
    static double value(String text, String sample) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(text);
        assertThat(line.find()).as("a sample line " + sample + " in\n" + text).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
