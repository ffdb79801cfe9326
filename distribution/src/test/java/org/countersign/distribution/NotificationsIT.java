package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.list;
import static org.countersign.distribution.WorkspaceFixtures.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications through the running distribution (docs/domain.md#notifications): who hears of each request event in the
 * inbox, by email (a real SMTP server), on Slack and on a signed webhook (a real local receiver); retries, dead
 * letters, and a channel bundle leaving and coming back while deliveries wait.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsIT {

    private static final String WS = "/api/v1/workspaces/notify";
    private static final String SECRET = "a-webhook-secret-of-some-length";
    private static final String PUBLIC_URL = "https://countersign.example.com";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Receiver receiver;
    static Path webhookPlugin;
    static Person dana;
    static Person erin;
    static Person vic;
    static String adminEmail;

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_SMTP_HOST", "127.0.0.1")
                .env("COUNTERSIGN_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()))
                .env("COUNTERSIGN_SMTP_FROM", "countersign@example.com")
                .env("COUNTERSIGN_PUBLIC_URL", PUBLIC_URL)
                .env("COUNTERSIGN_NOTIFY_POLL_MS", "100")
                .env("COUNTERSIGN_NOTIFY_BACKOFF_MS", "200")
                .env("COUNTERSIGN_NOTIFY_MAX_ATTEMPTS", "5");
        // the webhook channel arrives as a plugin, so that it can be taken away while the server runs
        Path jar = TestBundles.jar(server.home().resolve("bundle"), "countersign-notify-webhook-");
        webhookPlugin = Files.move(jar, server.home().resolve("plugins").resolve(jar.getFileName()));
        server.start();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        fx.workspace("notify");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"notifications\":["
                + "{\"type\":\"email\"},"
                + "{\"type\":\"slack\",\"url\":\"" + receiver.url("/slack/T000/B000/hook-token") + "\"},"
                + "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/hook") + "\",\"secret\":\"" + SECRET + "\"}]}")
                .expect(200);
        dana = fx.member(WS, "dana@example.com", "workspace_draft_editor");
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        vic = fx.member(WS, "vic@example.com", "workspace_viewer");
        adminEmail = api.get("/api/v1/me", ADMIN_TOKEN).expect(200).json().get("email").asText();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        receiver.close();
    }

    @Test
    @Order(1)
    void everyRequestEventReachesTheRightPeopleOnEveryChannel() throws Exception {
        // submitted without reviewers: every eligible approver (erin and the admin), not the author, not the viewer
        JsonNode first = create(dana, "billing", null);
        String requestId = first.get("openRequest").asText();
        JsonNode submitted = awaitInbox(erin, "request.submitted", requestId);
        assertThat(submitted.get("title").asText()).contains("Name of dana@example.com", "#1", "integration “billing”");
        assertThat(submitted.get("link").asText()).isEqualTo(PUBLIC_URL + "/w/notify/requests/" + requestId);
        assertThat(submitted.get("workspace").asText()).isEqualTo("notify");
        awaitInbox(ADMIN_TOKEN, "request.submitted", requestId);
        awaitMail(erin.email(), "asks for your review of #1");
        awaitMail(adminEmail, "asks for your review of #1");

        // erin asks for changes: the author hears of it; erin (who acted) does not
        api.post(WS + "/requests/" + requestId + "/request-changes", erin.token(), "{\"comment\":\"bump the version\"}")
                .expect(200);
        JsonNode changes = awaitInbox(dana, "request.changes_requested", requestId);
        assertThat(changes.get("text").asText()).contains("Comment from Name of erin@example.com: bump the version");
        MimeMessage mail = awaitMail(dana.email(), "asked for changes to #1");
        assertThat(GreenMailUtil.getBody(mail)).contains("bump the version");

        // a second request naming erin: only erin is asked
        JsonNode second = create(dana, "payroll", erin);
        String secondId = second.get("openRequest").asText();
        awaitInbox(erin, "request.submitted", secondId);
        // erin approves: the request is applied at once; dana hears once, of the outcome
        api.post(WS + "/requests/" + secondId + "/approve", erin.token(), "{\"comment\":\"ship it\"}").expect(200);
        JsonNode applied = awaitInbox(dana, "request.applied", secondId);
        assertThat(applied.get("title").asText()).contains("published #2");
        awaitMail(dana.email(), "published #2");

        // the webhook gets every event, request or not, each one signed; Slack gets the request events
        Set<String> expected = Set.of("request.submitted", "request.changes_requested", "request.applied",
                "resource.published");
        Await.until(WAIT, () -> assertThat(webhookTypes()).containsAll(expected));
        for (Receiver.Call call : receiver.calls("/hook")) {
            assertThat(verify(call, SECRET.getBytes(StandardCharsets.UTF_8))).as(call.body()).isTrue();
            assertThat(Long.parseLong(call.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
            JsonNode body = JSON.readTree(call.body());
            assertThat(body.at("/data/workspace").asText()).isEqualTo("notify");
        }
        Await.until(WAIT, () -> assertThat(slackTexts()).anySatisfy(text -> assertThat(text).contains("published #2")));
        Receiver.Call slack = receiver.calls("/slack/T000/B000/hook-token").get(0);
        JsonNode message = JSON.readTree(slack.body());
        assertThat(message.get("blocks").isArray()).isTrue();
        assertThat(message.get("text").asText()).contains(PUBLIC_URL + "/w/notify/requests/");
        assertThat(slackTexts()).noneSatisfy(text -> assertThat(text).startsWith("resource."));

        // nobody else was written to: the viewer and the author got no submit mail, nobody mailed twice per event
        assertThat(recipientsOf("asks for your review of #1")).containsExactlyInAnyOrder(erin.email(), adminEmail);
        assertThat(recipientsOf("asks for your review of #2")).containsExactly(erin.email());
        assertThat(inbox(vic, false).get("items")).isEmpty();

        // the delivery log: every delivery delivered once; the webhook's id is the one the receiver saw
        Await.until(WAIT, () -> assertThat(texts(deliveries("").get("items"), "state")).containsOnly("delivered"));
        JsonNode log = deliveries("");
        assertThat(texts(log.get("items"), "channel")).contains("email", "slack", "webhook");
        Set<String> hookIds = list(log.get("items")).stream().filter(d -> d.get("channel").asText().equals("webhook"))
                .map(d -> d.get("id").asText()).collect(Collectors.toSet());
        assertThat(receiver.calls("/hook").stream().map(c -> c.header("webhook-id")).collect(Collectors.toSet()))
                .isEqualTo(hookIds);
        assertThat(texts(log.get("items"), "target")).contains(erin.email()).noneMatch(t -> t.contains("hook-token"));
        assertThat(log.toString()).doesNotContain(SECRET);
        api.get(WS + "/notifications/deliveries", dana.token()).expectProblem(403, "forbidden");
        api.get(WS + "/notifications/deliveries?state=lost", ADMIN_TOKEN).expectProblem(400, "validation_failed");
    }

    @Test
    @Order(2)
    void theInboxFiltersUnreadAndMarksRead() {
        String requestId = create(dana, "ledger", erin)
                .get("openRequest").asText();
        api.post(WS + "/requests/" + requestId + "/comments", dana.token(), "{\"body\":\"any news?\"}").expect(200);
        awaitInbox(erin, "request.commented", requestId);
        JsonNode unread = inbox(erin, true);
        long count = unread.get("unread").asLong();
        assertThat(count).isGreaterThanOrEqualTo(2).isEqualTo(unread.get("items").size());
        String id = unread.get("items").get(0).get("id").asText();

        JsonNode read = api.post("/api/v1/me/notifications/" + id + "/read", erin.token(), "").expect(200).json();
        assertThat(read.get("readAt").isNull()).isFalse();
        assertThat(inbox(erin, true).get("unread").asLong()).isEqualTo(count - 1);
        assertThat(texts(inbox(erin, true).get("items"), "id")).doesNotContain(id);
        assertThat(texts(inbox(erin, false).get("items"), "id")).contains(id);
        api.post("/api/v1/me/notifications/" + id + "/read", dana.token(), "").expectProblem(404, "not_found");
        api.get("/api/v1/me/notifications?unread=maybe", erin.token()).expectProblem(400, "validation_failed");

        JsonNode paged = api.get("/api/v1/me/notifications?limit=1", erin.token()).expect(200).json();
        assertThat(paged.get("items")).hasSize(1);
        JsonNode next = api.get("/api/v1/me/notifications?limit=1&cursor=" + paged.get("next").asText(), erin.token())
                .expect(200).json();
        assertThat(next.get("items").get(0).get("id").asText()).isLessThan(paged.get("items").get(0).get("id").asText());

        assertThat(api.post("/api/v1/me/notifications/read", erin.token(), "").expect(200).json().get("marked").asLong())
                .isEqualTo(count - 1);
        assertThat(inbox(erin, true).get("items")).isEmpty();
        assertThat(inbox(erin, true).get("unread").asLong()).isZero();
    }

    @Test
    @Order(3)
    void aFailingReceiverGetsTheEventOnItsFourthTryAndAHopelessOneIsDeadLettered() {
        receiver.answering((path, call) -> path.equals("/flaky") ? (call <= 3 ? 500 : 200)
                : path.equals("/broken") ? 503 : 200);
        try {
            fx.workspace("retries");
            String ws = "/api/v1/workspaces/retries";
            api.patch(ws + "/settings", ADMIN_TOKEN, "{\"notifications\":["
                    + "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/flaky") + "\",\"secret\":\"" + SECRET + "\"},"
                    + "{\"type\":\"webhook\",\"url\":\"" + receiver.url("/broken") + "\",\"secret\":\"" + SECRET + "\"}]}")
                    .expect(200);
            api.post(ws + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Warehouse\",\"config\":"
                    + "{\"kind\":\"snowflake\",\"connection\":{\"account\":\"acme\"}},\"mode\":\"publish\"}").expect(201);

            Await.until(WAIT, () -> assertThat(receiver.calls("/flaky")).hasSize(4));
            Await.until(WAIT, () -> assertThat(receiver.calls("/broken")).hasSize(5));
            List<Receiver.Call> flaky = receiver.calls("/flaky");
            assertThat(flaky.stream().map(c -> c.header("webhook-id")).distinct()).hasSize(1);
            assertThat(flaky.stream().map(Receiver.Call::body).distinct()).hasSize(1);
            Await.until(WAIT, () -> {
                JsonNode items = api.get(ws + "/notifications/deliveries", ADMIN_TOKEN).expect(200).json().get("items");
                assertThat(list(items)).hasSize(2);
                JsonNode dead = api.get(ws + "/notifications/deliveries?state=dead", ADMIN_TOKEN).expect(200).json();
                assertThat(dead.get("items")).hasSize(1);
                assertThat(dead.get("items").get(0).get("attempts").asInt()).isEqualTo(5);
                assertThat(dead.get("items").get(0).get("lastError").asText()).contains("503");
                JsonNode delivered = api.get(ws + "/notifications/deliveries?state=delivered", ADMIN_TOKEN).expect(200)
                        .json();
                assertThat(delivered.get("items")).hasSize(1);
                assertThat(delivered.get("items").get(0).get("attempts").asInt()).isEqualTo(4);
                assertThat(delivered.get("items").get(0).get("lastError").isNull()).isTrue();
            });

            // the receiver is mended: an admin sends the dead delivery again and it arrives
            receiver.answering((path, call) -> 200);
            String dead = api.get(ws + "/notifications/deliveries?state=dead", ADMIN_TOKEN).expect(200).json()
                    .get("items").get(0).get("id").asText();
            api.post(ws + "/notifications/deliveries/" + dead + "/retry", ADMIN_TOKEN, "").expect(200);
            Await.until(WAIT, () -> assertThat(receiver.calls("/broken")).hasSize(6));
            Await.until(WAIT, () -> assertThat(texts(api.get(ws + "/notifications/deliveries", ADMIN_TOKEN).expect(200)
                    .json().get("items"), "state")).containsOnly("delivered"));
            api.post(ws + "/notifications/deliveries/" + dead + "/retry", ADMIN_TOKEN, "")
                    .expectProblem(409, "invalid_state");
        } finally {
            receiver.answering((path, call) -> 200);
        }
    }

    @Test
    @Order(4)
    void removingTheWebhookBundleMakesDeliveriesWaitUntilItReturns() throws Exception {
        Path staged = Files.copy(webhookPlugin, dir.resolve(webhookPlugin.getFileName()));
        Files.delete(webhookPlugin);
        Await.until(WAIT, () -> assertThat(bundleNames()).doesNotContain("org.countersign.notify.webhook"));
        int before = receiver.calls("/hook").size();

        api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"While away\",\"config\":"
                + "{\"kind\":\"snowflake\",\"connection\":{\"account\":\"acme\"}},\"mode\":\"publish\"}").expect(201);
        Await.until(WAIT, () -> assertThat(texts(deliveries("?state=pending").get("items"), "state")).contains("waiting"));
        Thread.sleep(1000);
        assertThat(receiver.calls("/hook")).hasSize(before);
        JsonNode waiting = list(deliveries("?state=pending").get("items")).stream()
                .filter(d -> d.get("state").asText().equals("waiting")).findFirst().orElseThrow();
        assertThat(waiting.get("attempts").asInt()).isZero();

        Files.copy(staged, webhookPlugin);
        Await.until(WAIT, () -> assertThat(receiver.calls("/hook").stream().map(c -> c.header("webhook-id")))
                .contains(waiting.get("id").asText()));
        Await.until(WAIT, () -> assertThat(deliveries("?state=pending").get("items")).isEmpty());
    }

    // --- helpers

    /** A governed integration submitted for review by {@code author}, naming {@code reviewers} (none when null). */
    private static JsonNode create(Person author, String name, Person reviewer) {
        String reviewers = reviewer == null ? "" : ",\"reviewers\":[\"" + reviewer.id() + "\"]";
        return api.post(WS + "/resources", author.token(), "{\"type\":\"integration\",\"name\":\"" + name + "\","
                + "\"config\":{\"project\":\"" + name + "\",\"version\":\"1.0.0\"},\"mode\":\"submit\"" + reviewers
                + "}").expect(201).json();
    }

    private static JsonNode inbox(Person who, boolean unread) {
        return inbox(who.token(), unread);
    }

    private static JsonNode inbox(String token, boolean unread) {
        return api.get("/api/v1/me/notifications" + (unread ? "?unread=true" : ""), token).expect(200).json();
    }

    private static JsonNode awaitInbox(Person who, String type, String requestId) {
        return awaitInbox(who.token(), type, requestId);
    }

    @Test
    @Order(5)
    void anInviteLinkIsEmailedWhenSmtpIsSetUp() throws Exception {
        String userId = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"newcomer@example.com\",\"name\":\"Newcomer\"}")
                .expect(201).json().get("id").asText();
        JsonNode invite = api.post("/api/v1/users/" + userId + "/invite", ADMIN_TOKEN, "").expect(201).json();
        assertThat(invite.get("emailed").asBoolean()).isTrue();
        MimeMessage mail = awaitMail("newcomer@example.com", "You are invited to Countersign");
        assertThat(GreenMailUtil.getBody(mail)).contains(invite.get("url").asText().replace("=", "=3D").substring(0, 30));
        assertThat(invite.get("url").asText()).startsWith(PUBLIC_URL + "/invite/csi_");
    }

    private static JsonNode awaitInbox(String token, String type, String requestId) {
        JsonNode[] found = new JsonNode[1];
        Await.until(WAIT, () -> {
            found[0] = list(inbox(token, false).get("items")).stream()
                    .filter(n -> n.get("type").asText().equals(type) && n.get("requestId").asText().equals(requestId))
                    .findFirst().orElse(null);
            assertThat(found[0]).as("%s for %s", type, requestId).isNotNull();
        });
        return found[0];
    }

    private static MimeMessage awaitMail(String to, String subjectPart) {
        MimeMessage[] found = new MimeMessage[1];
        Await.until(WAIT, () -> {
            found[0] = Arrays.stream(smtp.getReceivedMessages()).filter(m -> to.equals(recipient(m))
                    && subject(m).contains(subjectPart)).findFirst().orElse(null);
            assertThat(found[0]).as("mail to %s about '%s'", to, subjectPart).isNotNull();
        });
        return found[0];
    }

    private static List<String> recipientsOf(String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart))
                .map(NotificationsIT::recipient).toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> webhookTypes() {
        return receiver.calls("/hook").stream().map(c -> {
            try {
                return JSON.readTree(c.body()).get("type").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> slackTexts() {
        return receiver.calls("/slack/T000/B000/hook-token").stream().map(c -> {
            try {
                return JSON.readTree(c.body()).get("text").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static JsonNode deliveries(String query) {
        return api.get(WS + "/notifications/deliveries" + query, ADMIN_TOKEN).expect(200).json();
    }

    private static List<String> bundleNames() {
        return texts(api.get("/api/v1/system/bundles", ADMIN_TOKEN).expect(200).json().get("items"), "symbolicName");
    }

    /** The Standard Webhooks check, written from the specification: HMAC-SHA256 over "id.timestamp.body". */
    static boolean verify(Receiver.Call call, byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = call.header("webhook-id") + "." + call.header("webhook-timestamp") + "." + call.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return Arrays.asList(call.header("webhook-signature").split(" ")).contains(expected);
    }
}
