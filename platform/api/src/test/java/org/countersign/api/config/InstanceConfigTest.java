package org.countersign.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstanceConfigTest {

    @Test
    void resolvesRelativePathsAgainstTheInstallationFolder() {
        assertThat(InstanceConfig.resolve("/opt/countersign", "data/x.db")).isEqualTo(Path.of("/opt/countersign/data/x.db"));
        assertThat(InstanceConfig.resolve("/opt/countersign", "/var/lib/cs.db")).isEqualTo(Path.of("/var/lib/cs.db"));
        assertThat(InstanceConfig.home("")).isEqualTo(Path.of("").toAbsolutePath());
    }

    @Test
    void aDataFileLivesInTheDataFolderUnlessConfiguredElsewhere() {
        assertThat(InstanceConfig.dataFile("/opt/cs", "data", "", "secret.key")).isEqualTo(Path.of("/opt/cs/data/secret.key"));
        assertThat(InstanceConfig.dataFile("/opt/cs", "/srv/cs", "", "secret.key")).isEqualTo(Path.of("/srv/cs/secret.key"));
        assertThat(InstanceConfig.dataFile("/opt/cs", "data", "keys/k", "secret.key")).isEqualTo(Path.of("/opt/cs/keys/k"));
    }

    @Test
    void thePublicUrlIsConfiguredOrWhereTheServerListens() {
        assertThat(InstanceConfig.publicUrl("", "127.0.0.1", 7070)).isEqualTo("http://127.0.0.1:7070");
        assertThat(InstanceConfig.publicUrl("https://cs.example.com/", "0.0.0.0", 80)).isEqualTo("https://cs.example.com");
    }
}
