package org.countersign.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running distribution for a test class: installed in a fresh folder and started before the class's own
 * {@code @BeforeAll} methods, stopped and removed after its last test, whatever happened in between.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final CountersignServer SERVER = new CountersignServer().env("COUNTERSIGN_NOTIFY_POLL_MS", "100");
 * </pre>
 */
final class CountersignServer implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> env = new LinkedHashMap<>();
    private Path dir;
    private RunningCountersign server;

    /** An environment variable for the server process. */
    CountersignServer env(String name, String value) {
        env.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("countersign-it-");
        server = RunningCountersign.installIn(dir.resolve("countersign"));
        env.forEach(server::env);
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            delete(dir);
        }
    }

    RunningCountersign server() {
        return server;
    }

    Api api() {
        return server.api();
    }

    /** The class's own folder, beside the installation, for files a test writes. */
    Path dir() {
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
