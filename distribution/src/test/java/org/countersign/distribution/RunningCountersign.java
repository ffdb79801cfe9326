package org.countersign.distribution;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real distribution, copied from {@code target/countersign} into a folder of the test's own and started
 * as a separate process with {@code bin/countersign}: real Felix, real bundles, a real SQLite file, real HTTP.
 */
final class RunningCountersign implements AutoCloseable {

    static final String ADMIN_TOKEN = "cs_integration-test-admin-token-0123456789abcdef";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();
    private Process process;

    private int port;

    private RunningCountersign(Path home) {
        this.home = home;
        this.port = freePort();
        environment.put("COUNTERSIGN_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    /** A second process on an installation that is already there (to share its data, say). */
    static RunningCountersign at(Path home) {
        return new RunningCountersign(home);
    }

    /** Listens where {@code other} listens (to find the port taken). */
    RunningCountersign onPortOf(RunningCountersign other) {
        this.port = other.port;
        return this;
    }

    /**
     * Starts a process that is expected to refuse to start: waits for it to exit and answers its exit code.
     * The log tells why ({@link #log()}).
     */
    int startExpectingExit() {
        launch();
        try {
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("Countersign kept running although it should have refused to start:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /**
     * Copies the built distribution into {@code home} (which must not exist yet or be empty); data a quick start
     * left in the build's folder stays behind, so every test starts on an empty database.
     */
    static RunningCountersign installIn(Path home) {
        Path template = Path.of(System.getProperty("countersign.distribution", "target/countersign"));
        copyTree(template, home);
        return new RunningCountersign(home);
    }

    RunningCountersign env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    Path home() {
        return home;
    }

    Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** The HTTP port, for clients that open their own sockets. */
    int port() {
        return port;
    }

    /** Starts the process and waits until {@code /health} answers 200. */
    RunningCountersign start() {
        launch();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("Countersign exited with " + process.exitValue() + " during start:\n" + log());
            }
            if (api().healthStatus() == 200) {
                return this;
            }
            sleep(100);
        }
        fail("Countersign did not become healthy within " + START_TIMEOUT + ":\n" + log());
        return this;
    }

    /** SIGTERM, then waits for a clean exit; returns the exit code. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("Countersign did not stop within 60 s after SIGTERM:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGKILL: the process dies at once, wherever it was, as in a crash or power cut. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's process id (bin/countersign execs the JVM, so this is the JVM). */
    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile()) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private void launch() {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/countersign").toString());
        builder.environment().putAll(environment);
        builder.environment().put("COUNTERSIGN_HTTP_PORT", Integer.toString(port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path logFile() {
        return home.resolve("countersign.log");
    }

    @Override
    public void close() {
        if (isRunning()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from.resolve("bin"))) {
            throw new IllegalStateException("No built distribution at " + from + ": run the package phase first");
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
