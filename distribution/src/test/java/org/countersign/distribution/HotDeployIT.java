package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource-type plugin built by this build, dropped into {@code plugins/} of a running server, appears in
 * {@code /api/v1/resource-types}; deleted, it disappears. No restart.
 */
class HotDeployIT {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aPluginDroppedIntoPluginsTakesEffectAndLeavesCleanly() throws Exception {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))) {
            // take the source type out of the default bundles so that it arrives as a plugin
            Path plugin = sourceTypeJar(server.home().resolve("bundle"));
            Path staged = Files.move(plugin, dir.resolve(plugin.getFileName()));
            server.start();
            Api api = server.api();
            assertThat(typeNames(api)).doesNotContain("source");

            Path deployed = Files.copy(staged, server.home().resolve("plugins").resolve(staged.getFileName()));
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).contains("source"));
            JsonNode bundles = api.get("/api/v1/system/bundles", ADMIN_TOKEN).json().get("items");
            assertThat(bundles.toString()).contains("org.countersign.resource.source");

            Files.delete(deployed);
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).doesNotContain("source"));
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(api.get("/api/v1/system/bundles", ADMIN_TOKEN).body())
                    .doesNotContain("org.countersign.resource.source"));

            // and it comes back when dropped in again
            Files.copy(staged, deployed);
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).contains("source"));
            assertThat(server.api().get("/health", null).json().get("status").asText()).isEqualTo("UP");
        }
    }

    private static List<String> typeNames(Api api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/resource-types", ADMIN_TOKEN).json().get("items").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static Path sourceTypeJar(Path bundleDir) throws Exception {
        try (Stream<Path> files = Files.list(bundleDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("countersign-resource-source-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no source resource type in " + bundleDir));
        }
    }
}
