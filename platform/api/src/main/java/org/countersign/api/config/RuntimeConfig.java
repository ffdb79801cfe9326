package org.countersign.api.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * The instance configuration (docs/architecture.md) as the launcher hands it to the framework: each key {@code k} is
 * the framework property {@code countersign.k}, already merged from {@code conf/} and {@code COUNTERSIGN_*}
 * environment overrides. Relative paths resolve against the installation folder ({@code countersign.home}).
 */
public record RuntimeConfig(Function<String, String> frameworkProperties) {

    public static final String PREFIX = "countersign.";
    public static final String HOME = "home";

    public RuntimeConfig {
        Objects.requireNonNull(frameworkProperties);
    }

    /** The value of {@code key}, or {@code fallback} when it is unset or blank. */
    public String get(String key, String fallback) {
        String value = frameworkProperties.apply(PREFIX + key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public int getInt(String key, int fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration key " + key + " must be an integer, not '" + value + "'", e);
        }
    }

    public long getLong(String key, long fallback) {
        String value = get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Configuration key " + key + " must be an integer, not '" + value + "'", e);
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String value = get(key, null);
        return value == null ? fallback : Boolean.parseBoolean(value);
    }

    /** The installation folder; the working directory when the launcher did not set one. */
    public Path home() {
        return Path.of(get(HOME, ".")).toAbsolutePath().normalize();
    }

    /**
     * Where people reach this instance (links in notifications, invites, sign-in): {@code public.url}, or the
     * address the HTTP server listens on when it is not set. Never ends with a slash.
     */
    public String publicUrl() {
        String url = get(ConfigKeys.PUBLIC_URL, "http://" + get(ConfigKeys.HTTP_HOST, "127.0.0.1") + ":"
                + getInt(ConfigKeys.HTTP_PORT, 7070));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The data folder ({@code data.dir}): the database, the initial admin token and the secret key live here. */
    public Path dataDir() {
        return path(ConfigKeys.DATA_DIR, "data");
    }

    /** A file in the data folder unless {@code key} names another place (relative to the installation folder). */
    public Path dataFile(String key, String name) {
        String configured = get(key, null);
        return configured == null ? dataDir().resolve(name) : home().resolve(configured).normalize();
    }

    /** A path setting, resolved against {@link #home()} when relative. */
    public Path path(String key, String fallback) {
        return home().resolve(get(key, fallback)).normalize();
    }
}
