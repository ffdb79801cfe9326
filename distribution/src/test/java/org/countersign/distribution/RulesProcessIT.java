package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules.isolation=process}: rules compile and run in a worker JVM of the running distribution. */
class RulesProcessIT {

    private static final String WS = "/api/v1/workspaces/isolated";

    @TempDir
    Path dir;

    @Test
    void rulesRunInAWorkerProcess() {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_RULES_ISOLATION", "process").start()) {
            Api api = server.api();
            api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"isolated\",\"name\":\"Isolated\"}").expect(201);
            api.put(WS + "/rules", ADMIN_TOKEN, "{\"source\":\"System.exit(1)\"}").expectProblem(400, "invalid_rules");
            api.put(WS + "/rules", ADMIN_TOKEN, "{\"source\":\"rule 'all', { requireApproval() }\"}").expect(200);
            JsonNode decision = api.post(WS + "/rules/evaluate", ADMIN_TOKEN,
                    "{\"change\":{\"kind\":\"publish\"},\"resource\":{\"type\":\"model\"}}").expect(200).json();
            assertThat(decision.get("matchedRules").get(0).asText()).isEqualTo("all");
            // the rule applies to everything, so even an ungoverned source cannot be published directly
            api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Db\",\"config\":"
                    + "{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}},\"mode\":\"publish\"}")
                    .expectProblem(403, "approval_required");
            assertThat(server.log()).contains("Started a rules worker process");
        }
    }
}
