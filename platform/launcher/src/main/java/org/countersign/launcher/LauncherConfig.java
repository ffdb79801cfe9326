package org.countersign.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The instance configuration: built-in defaults, then {@code conf/countersign.properties}, then
 * {@code COUNTERSIGN_*} environment variables (upper case, dots as underscores: {@code COUNTERSIGN_HTTP_PORT}
 * overrides {@code http.port}).
 */
final class LauncherConfig {

    static final String FILE = "conf/countersign.properties";
    static final String ENV_PREFIX = "COUNTERSIGN_";
    /** Shortest bootstrap token accepted (docs/domain.md#users-and-api-keys: tokens carry at least 32 bytes). */
    static final int MIN_ADMIN_TOKEN = 32;

    /**
     * The defaults of the keys the launcher itself needs before the framework starts; every other key's default
     * lives with the bundle that reads it (docs/configuration.md).
     */
    static final Map<String, String> DEFAULTS = Map.of("storage", "sqlite", "data.dir", "data");

    /** The storage backends this distribution ships; {@code storage} must name one of them. */
    static final Set<String> STORAGE_BACKENDS = Set.of("sqlite");

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

    /** The data folder, resolved against the installation folder when relative. */
    static Path dataDir(Path home, Map<String, String> config) {
        return home.resolve(config.getOrDefault("data.dir", DEFAULTS.get("data.dir"))).normalize();
    }

    /**
     * Refuses settings the instance must not start with.
     *
     * @throws IllegalStateException naming the setting and what is wrong with it
     */
    static void check(Map<String, String> config) {
        String token = config.get("admin.token");
        if (token != null && !token.isBlank() && token.strip().length() < MIN_ADMIN_TOKEN) {
            throw new IllegalStateException("admin.token must be at least " + MIN_ADMIN_TOKEN + " characters long ("
                    + "it is " + token.strip().length() + "); generate one with: openssl rand -hex 32");
        }
        String storage = config.getOrDefault("storage", DEFAULTS.get("storage")).strip();
        if (!STORAGE_BACKENDS.contains(storage)) {
            // without a store for it the server would start and answer nothing: refuse instead
            throw new IllegalStateException("storage=" + storage + " is not a storage backend of this distribution ("
                    + "it has: " + String.join(", ", new TreeSet<>(STORAGE_BACKENDS)) + ")");
        }
    }

    /** {@code COUNTERSIGN_HTTP_MAX_BODY_BYTES} -> {@code http.max.body.bytes}. */
    static String keyOf(String environmentVariable) {
        return environmentVariable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
