package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The documented offline check of an audit export, {@code bin/countersign-verify-audit}, on a real export. */
class AuditExportVerifierIT {

    @TempDir
    static Path dir;

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static List<String> exportLines;
    static String head;

    @BeforeAll
    static void startAndExport() {
        server = SERVER.server();
        api = server.api();
        assertThat(api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"audited\",\"name\":\"Audited\"}").status())
                .isEqualTo(201);
        String ws = "/api/v1/workspaces/audited";
        // a mixed workload, with text that needs escaping and a non-ASCII name
        assertThat(api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"requireApprovals\":true,\"environments\":[\"dev\",\"production\"],\"timezone\":\"Europe/Zurich\"}")
                .status()).isEqualTo(200);
        assertThat(api.put(ws + "/roles/quoted", ADMIN_TOKEN,
                "{\"description\":\"Quotes \\\" and \\\\ and tabs\\t\",\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}")
                .status()).isEqualTo(200);
        assertThat(api.put(ws + "/roles/reviewer", ADMIN_TOKEN,
                "{\"description\":\"Relecteur \u00e9t\u00e9 \u2713\",\"statements\":[{\"effect\":\"allow\",\"actions\":[\"approve\"]}]}")
                .status()).isEqualTo(200);
        Response export = api.get(ws + "/audit/export", ADMIN_TOKEN);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        exportLines = export.body().lines().toList();
        JsonNode verify = api.get(ws + "/audit/verify", ADMIN_TOKEN).json();
        assertThat(verify.get("ok").asBoolean()).isTrue();
        head = verify.get("head").asText();
        assertThat(exportLines).hasSize(verify.get("count").asInt()).hasSizeGreaterThanOrEqualTo(3);
    }

    private static ScriptResult verifyOffline(List<String> lines) throws IOException, InterruptedException {
        Path file = Files.createTempFile(dir, "export", ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(server.home().resolve("bin/countersign-verify-audit").toString(),
                file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new ScriptResult(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).strip());
    }

    record ScriptResult(int exit, String output) {
    }

    @Test
    void anUntouchedExportVerifiesToTheHeadTheServerReports() throws Exception {
        ScriptResult result = verifyOffline(exportLines);
        assertThat(result.output()).isEqualTo("ok: " + exportLines.size() + " events, head " + head);
        assertThat(result.exit()).isZero();
    }

    @Test
    void anEditedLineIsReportedAtItsSeq() throws Exception {
        List<String> tampered = new ArrayList<>(exportLines);
        tampered.set(1, tampered.get(1).replace("\"requireApprovals\":true", "\"requireApprovals\":false"));
        assertThat(tampered.get(1)).isNotEqualTo(exportLines.get(1));
        ScriptResult result = verifyOffline(tampered);
        assertThat(result.output()).isEqualTo("broken at seq 2");
        assertThat(result.exit()).isEqualTo(1);
    }

    @Test
    void aMissingLineBreaksTheChain() throws Exception {
        List<String> shortened = new ArrayList<>(exportLines);
        shortened.remove(1);
        ScriptResult result = verifyOffline(shortened);
        assertThat(result.output()).isEqualTo("broken at seq 2");
        assertThat(result.exit()).isEqualTo(1);
    }
}
