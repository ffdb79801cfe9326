package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule whose regular expression backtracks catastrophically on Java's engine ({@code (.*a){20}} against
 * {@code aaa...ab}) leaves nothing running once its changes are answered: the server is idle again at once,
 * rather than a rules thread per evaluation spinning on for hours (docs/domain.md#approval-rules).
 */
class RunawayRulesIT {

    private static final String WS = "/api/v1/workspaces/runaway";
    private static final String NAME = "a".repeat(37) + "b";
    private static final String RULES = """
            rule 'runaway pattern', {
                when { resource.name ==~ /(.*a){20}/ }
                block 'the name matches'
            }
            """;
    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;
    /** An idle server uses a few hundredths of a second per second; one spinning thread uses a whole second. */
    private static final double IDLE_CPU_SECONDS = 0.3;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"runaway\",\"name\":\"Runaway\"}").expect(201);
        ObjectNode rules = Api.JSON.createObjectNode();
        rules.put("source", RULES);
        api.put(WS + "/rules", ADMIN_TOKEN, rules.toString()).expect(200);
    }

    @Test
    void evaluationsOfACatastrophicPatternLeaveTheServerIdle() throws IOException, InterruptedException {
        double before = cpuSecondsOverOneSecond();
        for (int i = 0; i < 5; i++) {
            System.out.println("RunawayRulesIT: evaluation " + i + ": " + evaluate(api, NAME));
        }
        String source = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Warehouse\",\"config\":"
                + "{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}},\"mode\":\"publish\"}").expect(201)
                .json().get("id").asText();
        String model = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"" + NAME + "\",\"config\":"
                + "{\"sourceId\":\"" + source + "\",\"query\":\"select 1\",\"primaryKey\":\"id\"},\"mode\":\"draft\"}")
                .expect(201).json().get("id").asText();
        JsonNode request = api.post(WS + "/requests", ADMIN_TOKEN, "{\"resources\":[\"" + model + "\"]}").expect(201)
                .json();
        System.out.println("RunawayRulesIT: request " + request.path("state") + " " + request.path("blockedBy"));

        // whatever was still finishing gets a second; the next second must be quiet
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        double after = cpuSecondsOverOneSecond();
        System.out.printf("RunawayRulesIT: server CPU %.2f s in 1 s before the evaluations, %.2f s in 1 s after%n",
                before, after);
        assertThat(after).as("CPU seconds the server used in the second after its answers").isLessThan(IDLE_CPU_SECONDS);
        assertThat(api.get("/health", null).json().get("status").asText()).isEqualTo("UP");

        // the pattern does match where it should: RE2/J runs inside the rules bundle
        assertThat(evaluate(api, "a".repeat(20)).get("blocks").toString()).isEqualTo("[\"the name matches\"]");
    }

    @Test
    void inAWorkerProcessThePatternRunsToo() {
        try (RunningCountersign isolated = RunningCountersign.installIn(dir.resolve("isolated"))
                .env("COUNTERSIGN_RULES_ISOLATION", "process").start()) {
            Api worker = isolated.api();
            worker.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"runaway\",\"name\":\"Runaway\"}").expect(201);
            ObjectNode rules = Api.JSON.createObjectNode();
            rules.put("source", RULES);
            worker.put(WS + "/rules", ADMIN_TOKEN, rules.toString()).expect(200);
            assertThat(evaluate(worker, NAME).get("blocks")).isEmpty();
            assertThat(evaluate(worker, "a".repeat(20)).get("blocks").toString()).isEqualTo("[\"the name matches\"]");
            assertThat(isolated.log()).contains("Started a rules worker process");
        }
    }

    private static JsonNode evaluate(Api on, String name) {
        return on.post(WS + "/rules/evaluate", ADMIN_TOKEN, "{\"change\":{\"kind\":\"publish\"},"
                + "\"resource\":{\"type\":\"model\",\"name\":\"" + name + "\"}}").expect(200).json();
    }

    /** The user and system CPU time the server process used over the next second, from /proc/pid/stat. */
    private static double cpuSecondsOverOneSecond() throws IOException, InterruptedException {
        long start = cpuTicks();
        Thread.sleep(Duration.ofSeconds(1).toMillis());
        return (cpuTicks() - start) / TICKS_PER_SECOND;
    }

    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
        // the command name in parentheses may hold spaces; fields 14 and 15 (utime, stime) follow it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
