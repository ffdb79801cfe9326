package org.countersign.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The instance configuration: built-in defaults, then {@code conf/countersign.properties}, then
 * {@code COUNTERSIGN_*} environment variables (upper case, dots as underscores: {@code COUNTERSIGN_HTTP_PORT}
 * overrides {@code http.port}).
 */
final class LauncherConfig {

    static final String FILE = "conf/countersign.properties";
    static final String ENV_PREFIX = "COUNTERSIGN_";

    /** SPEC §1 keys that have a default; the others (smtp.*, postgres.*, ...) are unset unless configured. */
    static final Map<String, String> DEFAULTS = Map.of(
            "http.host", "127.0.0.1",
            "http.port", "7070",
            "http.max.body.bytes", "1048576",
            "storage", "sqlite",
            "sqlite.path", "data/countersign.db",
            "sqlite.synchronous", "FULL",
            "rules.timeout.ms", "100",
            "rules.isolation", "thread",
            "webhook.deny.private", "false");

    private LauncherConfig() {
    }

    static Map<String, String> load(Path home, Map<String, String> environment) throws IOException {
        Map<String, String> values = new TreeMap<>(DEFAULTS);
        Path file = home.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals("COUNTERSIGN_HOME")) {
                values.put(keyOf(name), value);
            }
        });
        return values;
    }

    /** {@code COUNTERSIGN_HTTP_MAX_BODY_BYTES} -> {@code http.max.body.bytes}. */
    static String keyOf(String environmentVariable) {
        return environmentVariable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
