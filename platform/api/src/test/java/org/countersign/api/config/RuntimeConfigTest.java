package org.countersign.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    private final Map<String, String> properties = Map.of(
            "countersign.home", "/opt/countersign",
            "countersign.http.port", " 8080 ",
            "countersign.http.host", "  ",
            "countersign.sqlite.path", "data/x.db",
            "countersign.smtp.starttls", "true",
            "countersign.rules.timeout.ms", "soon");
    private final RuntimeConfig config = new RuntimeConfig(properties::get);

    @Test
    void readsPrefixedFrameworkPropertiesWithFallbacks() {
        assertThat(config.getInt(ConfigKeys.HTTP_PORT, 7070)).isEqualTo(8080);
        assertThat(config.get(ConfigKeys.HTTP_HOST, "127.0.0.1")).as("blank means unset").isEqualTo("127.0.0.1");
        assertThat(config.getBoolean(ConfigKeys.SMTP_STARTTLS, false)).isTrue();
        assertThat(config.getLong(ConfigKeys.HTTP_MAX_BODY_BYTES, 1024)).isEqualTo(1024);
    }

    @Test
    void resolvesRelativePathsAgainstTheHome() {
        assertThat(config.path(ConfigKeys.SQLITE_PATH, "data/countersign.db")).isEqualTo(Path.of("/opt/countersign/data/x.db"));
        assertThat(config.path("other.path", "/var/lib/cs.db")).isEqualTo(Path.of("/var/lib/cs.db"));
    }

    @Test
    void namesTheKeyOfAMalformedNumber() {
        assertThatThrownBy(() -> config.getInt(ConfigKeys.RULES_TIMEOUT_MS, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules.timeout.ms").hasMessageContaining("soon");
    }
}
