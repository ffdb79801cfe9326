package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data at rest and process safety (docs/data-at-rest.md): owner-only files, write-only secrets encrypted in the
 * database, no credentials in the delivery log, one process per data folder and database, and clear refusals to start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataAtRestIT {

    private static final String WS = "/api/v1/workspaces/vault";
    private static final String SOURCE_SECRET = "src-password-PLAINTEXT-4711";
    private static final String WEBHOOK_SECRET = "webhook-secret-PLAINTEXT-0815";
    private static final String SLACK_TOKEN = "SLACKTOKENPLAINTEXT42";
    private static final String URL_PASSWORD = "urlpass-PLAINTEXT-99";

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;
    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver().answering((path, call) -> path.startsWith("/gone") ? 410 : 200);
        // no admin.token: the first start writes the initial token into the data folder
        server = RunningCountersign.installIn(dir.resolve("countersign")).env("COUNTERSIGN_ADMIN_TOKEN", null)
                .env("COUNTERSIGN_NOTIFY_POLL_MS", "100").start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    private static String token() {
        try {
            return Files.readString(server.home().resolve("data/initial-admin-token")).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    @Order(1)
    void secretsAreEncryptedAtRestAndNeverShownInTheDeliveryLog() throws Exception {
        String admin = token();
        api.post("/api/v1/workspaces", admin, "{\"slug\":\"vault\",\"name\":\"Vault\"}").expect(201);
        // someone to tell about the request by email
        String reviewer = api.post("/api/v1/users", admin, "{\"email\":\"rita@example.com\",\"name\":\"Rita\"}")
                .expect(201).json().get("id").asText();
        api.put(WS + "/members/" + reviewer, admin, "{\"role\":\"workspace_editor\"}").expect(200);
        String withCredentials = receiver.url("/creds").replace("http://", "http://bot:" + URL_PASSWORD + "@");
        api.patch(WS + "/settings", admin, "{\"notifications\":[{\"type\":\"email\"},"
                + "{\"type\":\"slack\",\"url\":\"" + receiver.url("/slack/T000/B000/" + SLACK_TOKEN) + "\"},"
                + "{\"type\":\"webhook\",\"url\":\"" + withCredentials + "\",\"secret\":\"" + WEBHOOK_SECRET + "\"},"
                + "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/gone") + "\",\"secret\":\"" + WEBHOOK_SECRET
                + "\"}]}").expect(200);
        JsonNode source = api.post(WS + "/resources", admin, "{\"type\":\"source\",\"name\":\"Warehouse\",\"config\":"
                + "{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"},\"secrets\":{\"password\":\"" + SOURCE_SECRET
                + "\"}},\"mode\":\"publish\"}").expect(201).json();
        assertThat(source.toString()).doesNotContain(SOURCE_SECRET);
        // an edit that leaves the secret out keeps it, still sealed, and is not reported as a change of it
        String id = source.get("id").asText();
        api.put(WS + "/resources/" + id + "/draft", admin, "{\"config\":{\"kind\":\"postgres\",\"connection\":"
                + "{\"host\":\"db2\"}}}").expect(200);
        assertThat(api.get(WS + "/resources/" + id + "/diff", admin).expect(200).body()).contains("/config/connection/host")
                .doesNotContain("secrets");
        api.post(WS + "/requests", admin, "{\"resources\":[\"" + id + "\"]}").expect(201);

        // one webhook answers 410: dead at once; the log names hosts only, never credentials
        Await.until(Duration.ofSeconds(20), () -> assertThat(api.get(WS + "/notifications/deliveries?state=dead", admin)
                .expect(200).json().get("items")).isNotEmpty());
        String log = api.get(WS + "/notifications/deliveries", admin).expect(200).body();
        assertThat(log).doesNotContain(URL_PASSWORD).doesNotContain(SLACK_TOKEN).doesNotContain(WEBHOOK_SECRET)
                .doesNotContain("bot:").contains("http://127.0.0.1:");

        // the email channel has no smtp.host: its delivery waits, with the reason and no attempt spent
        Await.until(Duration.ofSeconds(20), () -> assertThat(emailDelivery(admin)).isNotNull());
        JsonNode email = emailDelivery(admin);
        assertThat(email.get("state").asText()).isEqualTo("waiting");
        assertThat(email.get("attempts").asInt()).isZero();
        assertThat(email.get("waitingFor").asText()).contains("smtp.host");

        assertThat(api.post(WS + "/notifications/deliveries/retry", admin, "{\"channel\":\"webhook\"}").expect(200)
                .json().get("retried").asInt()).isPositive();
        assertThat(api.get(WS + "/notifications/deliveries?state=pending", admin).body()).contains("\"webhook\"");

        server.stop();
        for (String secret : List.of(SOURCE_SECRET, WEBHOOK_SECRET, SLACK_TOKEN, URL_PASSWORD)) {
            assertThat(grepData(secret)).as(secret + " in the raw data files").isEmpty();
        }
        assertThat(server.log()).doesNotContain(SOURCE_SECRET).doesNotContain(WEBHOOK_SECRET)
                .doesNotContain(URL_PASSWORD);
        server.start();
        // after a restart the same key opens them: nothing lost
        assertThat(api.get(WS + "/resources/" + id, admin).expect(200).json().at("/published/production/config/kind")
                .asText()).isEqualTo("postgres");
    }

    private static JsonNode emailDelivery(String admin) {
        for (JsonNode delivery : api.get(WS + "/notifications/deliveries", admin).expect(200).json().get("items")) {
            if (delivery.get("channel").asText().equals("email")) {
                return delivery;
            }
        }
        return null;
    }

    /** The data files whose raw bytes contain {@code text}. */
    private static List<Path> grepData(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(server.home().resolve("data"))) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            String haystack = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return haystack.contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Order(2)
    void theDataFolderAndEveryFileInItAreOwnerOnly() throws Exception {
        Path data = server.home().resolve("data");
        assertThat(permissions(data)).isEqualTo("rwx------");
        for (String name : List.of("countersign.db", "countersign.db-wal", "countersign.db-shm", "secret.key",
                "initial-admin-token")) {
            assertThat(data.resolve(name)).exists();
            assertThat(permissions(data.resolve(name))).as(name).isEqualTo("rw-------");
        }
    }

    @Test
    @Order(3)
    void aSecondServerOnTheSameDataRefusesToStart() {
        RunningCountersign second = RunningCountersign.at(server.home());
        assertThat(second.startExpectingExit()).isNotZero();
        assertThat(second.log()).contains("Another Countersign process is already using");
        assertThat(api.get("/api/v1/me", token()).status()).as("the first one runs on").isEqualTo(200);
    }

    @Test
    @Order(4)
    void aSecondServerOnTheSameDatabaseFromElsewhereRefusesToStart() {
        RunningCountersign second = RunningCountersign.installIn(dir.resolve("second"))
                .env("COUNTERSIGN_SQLITE_PATH", server.home().resolve("data/countersign.db").toString());
        assertThat(second.startExpectingExit()).isNotZero();
        assertThat(second.log()).contains("is in use by another Countersign process");
        assertThat(api.get("/api/v1/me", token()).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aTakenPortStopsTheServerWithAClearMessage() {
        RunningCountersign second = RunningCountersign.installIn(dir.resolve("third")).onPortOf(server);
        assertThat(second.startExpectingExit()).isNotZero();
        assertThat(second.log()).contains("is already in use");
    }

    @Test
    @Order(7)
    void dataKeptOutsideTheInstallationSurvivesARestartAndANewInstallation() throws Exception {
        Path data = dir.resolve("home-data");
        RunningCountersign first = RunningCountersign.installIn(dir.resolve("fifth")).env("COUNTERSIGN_ADMIN_TOKEN", null)
                .env("COUNTERSIGN_DATA_DIR", data.toString()).start();
        String admin = Files.readString(data.resolve("initial-admin-token")).strip();
        first.api().post("/api/v1/workspaces", admin, "{\"slug\":\"kept\",\"name\":\"Kept\"}").expect(201);
        assertThat(first.home().resolve("data")).doesNotExist();
        first.stop();

        // the quick start run again, on a freshly built installation: same data, same token
        RunningCountersign again = RunningCountersign.installIn(dir.resolve("sixth")).env("COUNTERSIGN_ADMIN_TOKEN", null)
                .env("COUNTERSIGN_DATA_DIR", data.toString()).start();
        try {
            assertThat(Files.readString(data.resolve("initial-admin-token")).strip()).isEqualTo(admin);
            assertThat(again.api().get("/api/v1/workspaces/kept", admin).status()).isEqualTo(200);
        } finally {
            again.close();
        }
    }

    @Test
    @Order(6)
    void aShortAdminTokenStopsTheServerBeforeItStarts() {
        RunningCountersign second = RunningCountersign.installIn(dir.resolve("fourth"))
                .env("COUNTERSIGN_ADMIN_TOKEN", "short-token");
        assertThat(second.startExpectingExit()).isNotZero();
        assertThat(second.log()).contains("admin.token must be at least 32 characters");
        assertThat(dir.resolve("fourth/data/countersign.db")).doesNotExist();
    }
}
