package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console is a plugin like any other (docs/architecture.md): dropped into {@code plugins/} of a running server
 * it is served at {@code /}; removed, {@code /} answers 404 again and the API carries on. Its pages are the page shell
 * with a strict content security policy; its own paths never shadow the API's.
 */
class ConsoleBundleIT {

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;
    static Path plugin;

    @BeforeAll
    static void start() throws Exception {
        server = RunningCountersign.installIn(dir.resolve("countersign"));
        // out of bundle/ so that the test can bring it and take it away while the server runs
        Path jar = TestBundles.jar(server.home().resolve("bundle"), "countersign-web-console-");
        plugin = Files.move(jar, dir.resolve(jar.getFileName()));
        server.start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theConsoleComesAndGoesWithItsBundleAndTheApiCarriesOn() throws Exception {
        api.get("/", null).expectProblem(404, "not_found");
        Path deployed = Files.copy(plugin, server.home().resolve("plugins").resolve(plugin.getFileName()));

        Await.until(Duration.ofSeconds(30), () -> assertThat(api.get("/", null).status()).isEqualTo(200));
        Response page = api.get("/w/growth/requests/apr_1", null).expect(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(page.body()).contains("<script type=\"module\"");
        assertThat(api.get("/assets/app.js", null).expect(200).header("Content-Type")).startsWith("text/javascript");
        api.get("/assets/missing.js", null).expectProblem(404, "not_found");
        api.get("/api/v1/nothing-here", ADMIN_TOKEN).expectProblem(404, "not_found");
        api.get("/api/v1/me", null).expectProblem(401, "unauthenticated");
        assertThat(api.get("/health", null).expect(200).json().get("status").asText()).isEqualTo("UP");

        Files.delete(deployed);
        Await.until(Duration.ofSeconds(30), () -> api.get("/", null).expectProblem(404, "not_found"));
        api.get("/api/v1/me", ADMIN_TOKEN).expect(200);
    }
}
