package org.countersign.api.config;

import java.nio.file.Path;

/**
 * The instance configuration: one Configuration Admin configuration, {@link #PID}, holding every key of
 * {@code conf/countersign.properties} after {@code COUNTERSIGN_*} environment overrides (docs/configuration.md).
 * Each bundle reads the keys it needs through its own typed, documented view of it (a component property type
 * that is also a metatype object class), so the keys, their types and their defaults live beside the code that
 * uses them. The helpers here resolve what several bundles work out the same way.
 */
public final class InstanceConfig {

    /** The persistent identity of the instance configuration. */
    public static final String PID = "org.countersign";

    private InstanceConfig() {
    }

    /** The installation folder from the {@code home} key; relative paths in the configuration resolve against it. */
    public static Path home(String home) {
        return Path.of(home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** A path setting: {@code path} resolved against the installation folder when relative. */
    public static Path resolve(String home, String path) {
        return home(home).resolve(path).normalize();
    }

    /**
     * A file of the data folder ({@code dataDir}, itself relative to the installation folder) named {@code name},
     * unless {@code configured} names another place.
     */
    public static Path dataFile(String home, String dataDir, String configured, String name) {
        return configured.isBlank() ? resolve(home, dataDir).resolve(name) : resolve(home, configured);
    }

    /**
     * Where people reach this instance (links in notifications, invites, sign-in): {@code public.url}, or the
     * address the HTTP server listens on when it is not set. Never ends with a slash.
     */
    public static String publicUrl(String configured, String httpHost, int httpPort) {
        String url = configured.isBlank() ? "http://" + httpHost + ":" + httpPort : configured.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
