package org.countersign.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Countersign as its users run it: a fresh copy of the built distribution on its embedded default (SQLite,
 * {@code synchronous=FULL}), driven over HTTP/1.1 through the public API by three people: an author who may only
 * draft, and two editors who approve. The workspace requires approvals and its rules ask for two.
 */
final class CountersignOverHttp implements Lifecycle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "benchmark-admin-token-" + "0123456789abcdef0123456789";
    private static final String WS = "/api/v1/workspaces/bench";
    private static final double TICKS_PER_SECOND = 100;

    private final Process server;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration startup;
    private String author;
    private String[] approvers;
    private String sourceId;

    CountersignOverHttp(Path distribution, Path dir) throws IOException, InterruptedException {
        Path home = dir.resolve("countersign");
        copy(distribution, home);
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        ProcessBuilder start = new ProcessBuilder(home.resolve("bin/countersign").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        start.environment().putAll(Map.of("COUNTERSIGN_HTTP_PORT", String.valueOf(port),
                "COUNTERSIGN_HTTP_HOST", "127.0.0.1", "COUNTERSIGN_ADMIN_TOKEN", ADMIN));
        long started = System.nanoTime();
        server = start.start();
        awaitHealthy();
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    /** From starting the process to the first 200 on {@code /health}. */
    Duration startup() {
        return startup;
    }

    /** The server's resident memory now, in MiB. */
    long residentMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    /** The workspace, its three people, its rules and the source every model reads from. */
    void setUp() throws IOException, InterruptedException {
        call("POST", "/api/v1/workspaces", ADMIN, Map.of("slug", "bench", "name", "Benchmark"), 201);
        call("PATCH", WS + "/settings", ADMIN, Map.of("requireApprovals", true), 200);
        call("PUT", WS + "/rules", ADMIN, Map.of("source", "rule 'two', {\n    approvals 2\n}\n"), 200);
        author = member("author@example.com", "workspace_draft_editor");
        approvers = new String[] {member("first@example.com", "workspace_editor"),
            member("second@example.com", "workspace_editor")};
        sourceId = call("POST", WS + "/resources", ADMIN, Map.of("type", "source", "name", "Warehouse", "mode",
                "publish", "config", Map.of("kind", "postgres", "connection", Map.of("host", "db"))), 201)
                .get("id").asText();
    }

    private String member(String email, String role) throws IOException, InterruptedException {
        String id = call("POST", "/api/v1/users", ADMIN, Map.of("email", email, "name", email), 201).get("id").asText();
        call("PUT", WS + "/members/" + id, ADMIN, Map.of("role", role), 200);
        return call("POST", "/api/v1/users/" + id + "/api-keys", ADMIN, Map.of("name", "benchmark"), 201)
                .get("token").asText();
    }

    @Override
    public String name() {
        return "countersign";
    }

    @Override
    public void run(int client, long n) throws IOException, InterruptedException {
        JsonNode draft = call("POST", WS + "/resources", author, Map.of("type", "model", "name",
                "Model " + client + "-" + n + "-" + UUID.randomUUID(), "config", Map.of("sourceId", sourceId,
                        "query", "select id, email from users", "primaryKey", "id")), 201);
        Lifecycle.expect("draft".equals(draft.path("state").asText()), "a draft: " + draft);
        JsonNode request = call("POST", WS + "/requests", author, Map.of("kind", "publish", "resources",
                List.of(draft.get("id").asText())), 201);
        Lifecycle.expect("open".equals(request.path("state").asText()), "an open request: " + request);
        String path = WS + "/requests/" + request.get("id").asText() + "/approve";
        JsonNode first = call("POST", path, approvers[0], Map.of(), 200);
        Lifecycle.expect("open".equals(first.path("state").asText()) && first.path("remainingApprovals").asInt() == 1,
                "one approval remaining: " + first);
        JsonNode second = call("POST", path, approvers[1], Map.of(), 200);
        Lifecycle.expect("applied".equals(second.path("state").asText()), "applied: " + second);
    }

    private JsonNode call(String method, String path, String token, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Lifecycle.expect(response.statusCode() == expected, method + " " + path + " answered " + response.statusCode()
                + " " + response.body());
        return JSON.readTree(response.body());
    }

    private void awaitHealthy() throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            Lifecycle.expect(server.isAlive(), "the server is running (see server.log)");
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the server did not become healthy");
    }

    @Override
    public long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/" + server.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14 and stime 15 (1-based, from the pid)
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return (long) (ticks / TICKS_PER_SECOND * 1e9);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (from.relativize(path).startsWith("data")) {
                    continue; // whatever ran in the build's copy stays there: every run starts empty
                }
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
