package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First start, clean shutdown on SIGTERM, restart on the same data, and a bundle that cannot resolve. */
class LifecycleIT {

    @TempDir
    Path dir;

    @Test
    void firstStartWritesAnOwnerOnlyTokenAndDataSurvivesARestart() throws Exception {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_ADMIN_TOKEN", null)) {
            server.start();
            Path tokenFile = server.home().resolve("data/initial-admin-token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = Files.readString(tokenFile).trim();
            assertThat(token).startsWith("cs_");
            assertThat(server.log()).containsOnlyOnce(token);

            Api api = server.api();
            assertThat(api.get("/api/v1/me", token).json().get("email").asText()).isEqualTo("admin@localhost");
            Response created = api.post("/api/v1/users", token, "{\"email\":\"kept@example.com\",\"name\":\"Kept\"}");
            assertThat(created.status()).isEqualTo(201);
            String apiKey = api.post("/api/v1/me/api-keys", token, "{\"name\":\"kept\"}").json().get("token").asText();

            server.stop();
            assertThat(server.log()).contains("Stopping Countersign", "HTTP API stopped", "SQLite store closed",
                    "Countersign stopped");

            server.start();
            assertThat(Files.readString(tokenFile).trim()).isEqualTo(token);
            assertThat(api.get("/api/v1/users/" + created.json().get("id").asText(), token).json().get("email").asText())
                    .isEqualTo("kept@example.com");
            assertThat(api.get("/api/v1/me", apiKey).status()).isEqualTo(200);
            // the bootstrap ran once: still one admin token in the log
            assertThat(server.log()).containsOnlyOnce(token);
        }
    }

    @Test
    void aBundleThatCannotResolveIsReportedAndTheRestStarts() throws Exception {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))) {
            TestBundles.unresolvable(server.home().resolve("bundle/broken-plugin.jar"), "com.example.broken",
                    "com.example.missing.api");
            server.start();
            Await.until(Duration.ofSeconds(10), () -> assertThat(server.log())
                    .contains("com.example.broken")
                    .contains("missing requirement")
                    .contains("com.example.missing.api"));
            Response health = server.api().get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().at("/bundles/notActive").toString()).contains("com.example.broken");
            assertThat(server.api().get("/api/v1/me", RunningCountersign.ADMIN_TOKEN).status()).isEqualTo(200);
        }
    }
}
