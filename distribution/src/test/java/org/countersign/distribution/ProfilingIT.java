package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator profiles a running server with the JDK's Flight Recorder, started with {@code jcmd} once the server
 * has been serving for a while (so the JDK rewrites classes that are loaded already): while the recording runs,
 * every write and read still answers as it should, and the recording holds the storage layer's statement events.
 */
class ProfilingIT {

    private static final String WS = "/api/v1/workspaces/growth";

    @TempDir
    Path dir;

    @Test
    void aFlightRecordingDuringALifecycleBreaksNothing() throws Exception {
        Path recording = dir.resolve("countersign.jfr");
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))) {
            server.start();
            Api api = server.api();
            WorkspaceFixtures fx = new WorkspaceFixtures(api);
            fx.workspace("growth");
            jcmd(server.pid(), "JFR.start", "name=operator", "settings=profile");
            WorkspaceFixtures.Person reviewer = fx.member(WS, "reviewer@example.com", "workspace_editor");
            String source = fx.publishedSource(WS, "Warehouse");
            for (int i = 0; i < 5; i++) {
                String model = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Model " + i
                        + "\",\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select " + i + "\","
                        + "\"primaryKey\":\"id\"}}").expect(201).json().get("id").asText();
                String request = api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"publish\",\"resources\":[\""
                        + model + "\"]}").expect(201).json().get("id").asText();
                api.post(WS + "/requests/" + request + "/approve", reviewer.token(), "{}").expect(200);
                assertThat(api.get(WS + "/requests/" + request, reviewer.token()).expect(200).json().get("state")
                        .asText()).isEqualTo("applied");
            }
            assertThat(api.get(WS + "/requests?reviewer=me", reviewer.token()).expect(200).json().get("items"))
                    .isEmpty();
            assertThat(server.log()).doesNotContain("NoClassDefFoundError").doesNotContain("Database failure");
            jcmd(server.pid(), "JFR.stop", "name=operator", "filename=" + recording);
        }
        assertThat(recording).exists();
        Set<String> kinds = new HashSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            kinds.add(event.getEventType().getName());
        }
        assertThat(kinds).contains("jdk.ExecutionSample").anyMatch(name -> name.startsWith("jdbi."));
        assertThat(Files.size(recording)).isPositive();
    }

    private static void jcmd(long pid, String... command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
    }
}
