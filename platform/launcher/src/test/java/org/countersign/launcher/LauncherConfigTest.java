package org.countersign.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigTest {

    @TempDir
    Path home;

    @Test
    void defaultsApplyWithoutAConfigurationFile() throws Exception {
        Map<String, String> config = LauncherConfig.load(home, Map.of());
        assertThat(config).containsOnly(Map.entry("storage", "sqlite"), Map.entry("data.dir", "data"));
    }

    @Test
    void theFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve(LauncherConfig.FILE), """
                # comment
                http.port = 8080
                smtp.host=mail.example.com
                public.url=https://cs.example.com
                """);
        Map<String, String> config = LauncherConfig.load(home, Map.of(
                "COUNTERSIGN_HTTP_PORT", "9090",
                "COUNTERSIGN_HTTP_MAX_BODY_BYTES", "2048",
                "COUNTERSIGN_HOME", "/elsewhere",
                "PATH", "/usr/bin"));
        assertThat(config).containsEntry("http.port", "9090")
                .containsEntry("http.max.body.bytes", "2048")
                .containsEntry("smtp.host", "mail.example.com")
                .containsEntry("public.url", "https://cs.example.com")
                .doesNotContainKey("home")
                .doesNotContainKey("path");
    }

    @Test
    void environmentVariableNamesMapToKeys() {
        assertThat(LauncherConfig.keyOf("COUNTERSIGN_RULES_TIMEOUT_MS")).isEqualTo("rules.timeout.ms");
        assertThat(LauncherConfig.keyOf("COUNTERSIGN_ADMIN_TOKEN")).isEqualTo("admin.token");
        assertThat(LauncherConfig.keyOf("COUNTERSIGN_STORAGE")).isEqualTo("storage");
    }

    @Test
    void frameworkPropertiesPutTheCacheInTheDataFolderAndWatchPlugins() throws Exception {
        Map<String, Object> props = Main.frameworkProperties(home, Map.of("data.dir", "var"));
        assertThat(props).containsEntry("org.osgi.framework.storage", home.resolve("var/felix-cache").toString())
                .containsEntry("felix.fileinstall.dir", home.resolve("plugins").toString())
                .doesNotContainKey("countersign.data.dir");
        assertThat(home.resolve("plugins")).isDirectory();
    }

    @Test
    void theInstanceConfigurationIsWhatWasReadPlusTheInstallationFolder() {
        assertThat(Main.instanceConfiguration(home, Map.of("http.port", "7071")))
                .containsOnly(Map.entry("http.port", "7071"), Map.entry("home", home.toString()));
    }

    @Test
    void aShortAdminTokenIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LauncherConfig.check(Map.of("admin.token", "too-short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 characters");
        LauncherConfig.check(Map.of("admin.token", "x".repeat(32)));
        LauncherConfig.check(Map.of());
    }

    @Test
    void aStorageBackendTheDistributionLacksIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LauncherConfig.check(Map.of("storage", "postgres")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("storage=postgres is not a storage backend of this distribution (it has: sqlite)");
        LauncherConfig.check(Map.of("storage", "sqlite"));
    }

    @Test
    void theDataFolderIsOwnerOnlyAndClaimedByOneProcessAtATime() throws Exception {
        Path data = home.resolve("data");
        FileLock first = DataFolder.claim(data);
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThatThrownBy(() -> DataFolder.claim(data)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Countersign process is already using");
        } finally {
            first.channel().close();
        }
        DataFolder.claim(data).channel().close();
    }
}
