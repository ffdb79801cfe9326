package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough, run as a new user would run it: every shell block marked
 * {@code <!-- walkthrough -->}, in order, in one bash, against a fresh server started the way the quick start
 * starts it (no admin.token: the initial token is read from the data folder).
 */
class WalkthroughIT {

    private static final String MARKER = "<!-- walkthrough -->";

    @TempDir
    static Path dir;

    static RunningCountersign server;

    @BeforeAll
    static void start() {
        server = RunningCountersign.installIn(dir.resolve("countersign")).env("COUNTERSIGN_ADMIN_TOKEN", null).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The marked shell blocks of the README, in order. */
    static List<String> blocks(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(MARKER) && i + 1 < lines.size() && lines.get(i + 1).startsWith("```sh")) {
                StringBuilder block = new StringBuilder();
                for (i += 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                blocks.add(block.toString());
            }
        }
        return blocks;
    }

    @Test
    void theWalkthroughRunsAsWrittenAndAnswersWhatTheReadmeSays() throws Exception {
        List<String> blocks = blocks(Path.of("..", "README.md"));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        Path script = dir.resolve("walkthrough.sh");
        Files.writeString(script, "set -euo pipefail\n" + String.join("\n", blocks));

        Path log = dir.resolve("walkthrough.log");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        bash.environment().put("API", "http://127.0.0.1:" + server.port());
        bash.environment().put("TOKEN", Files.readString(server.home().resolve("data/initial-admin-token")).strip());
        bash.environment().put("CS_HOME", server.home().toString());
        bash.environment().put("TMPDIR", dir.toString());
        Process process = bash.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        process.destroyForcibly();
        String output = Files.readString(log);
        assertThat(finished).as("the walkthrough finishes:\n" + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        // the answers the README's comments promise, in the order it gives them
        assertThat(output).containsSubsequence("stale_version", "approval_required", "applied", "\"retried\":0",
                "development", "ok: ", "applied", "invalid_rules", "[\"pii\"]");
        assertThat(output).doesNotContain("internal_error").doesNotContain("\"code\":\"not_eligible\"");

        Api api = server.api();
        String token = Files.readString(server.home().resolve("data/initial-admin-token")).strip();
        JsonNode model = api.get("/api/v1/workspaces/growth/resources?type=model", token).expect(200).json()
                .at("/items/0");
        assertThat(model.at("/published/development/config/query").asText()).isEqualTo("select id, email\nfrom users");
        assertThat(model.at("/published/production/revision").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/workspaces/growth/audit/verify", token).json().get("ok").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/workspaces/growth/rules", token).json().get("version").asInt()).isEqualTo(1);
        // the walkthrough writes into a temporary folder, never into the working directory
        assertThat(Path.of("growth-audit.jsonl")).doesNotExist();
        assertThat(Path.of("..", "growth-audit.jsonl")).doesNotExist();
    }
}
