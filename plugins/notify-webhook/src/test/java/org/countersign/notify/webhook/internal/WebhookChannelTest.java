package org.countersign.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends to a real HTTP receiver on the loopback interface, which checks signatures on its own. */
class WebhookChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAIN_SECRET = "s3cr3t-plain-webhook-key";
    private static final byte[] WHSEC_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String WHSEC_SECRET = "whsec_" + Base64.getEncoder().encodeToString(WHSEC_KEY);

    private HttpServer server;
    private ExecutorService threads;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> redirectTargetHits = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile long delayMs;

    record Received(String path, Headers headers, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (status / 100 == 3) {
                exchange.getResponseHeaders().add("Location", base() + "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            redirectTargetHits.add(exchange.getRequestMethod());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        // a sleeping handler must not hold up the next test's requests
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String hookUrl() {
        return base() + "/hooks/countersign?token=path-credential";
    }

    private static Notification notification() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", "req-7");
        data.put("number", 7);
        data.put("kind", "sql");
        data.put("state", "pending");
        data.put("author", "dana");
        data.put("reviewers", List.of("erin", "vic"));
        data.put("flags", Map.of("urgent", true));
        data.put("title", "an event field that must not replace the rendered title");
        return new Notification("evt-7", "request.submitted", Instant.parse("2025-03-01T10:15:30Z"), "acme", "Acme",
                "#7 Add index", "Dana submitted #7.\nKind: sql", "https://cs.example.com/w/acme/requests/7", data);
    }

    private Delivery delivery(String id, int attempt, String url, String secret) {
        return new Delivery(id, "webhook", attempt, notification(), null, url, secret);
    }

    /** The receiver's own check, written against javax.crypto rather than the channel's code. */
    private static boolean verify(String secret, Headers headers, byte[] body) throws Exception {
        byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((headers.getFirst("webhook-id") + "." + headers.getFirst("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        byte[] expected = mac.doFinal(body);
        // the header may list several space-separated signatures; one valid v1 is enough
        for (String candidate : headers.getFirst("webhook-signature").split(" ")) {
            if (candidate.startsWith("v1,")
                    && MessageDigest.isEqual(Base64.getDecoder().decode(candidate.substring(3)), expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void plainSecretSignatureVerifies() throws Exception {
        new WebhookChannel(false, Duration.ofSeconds(5)).send(delivery("dlv_plain", 1, hookUrl(), PLAIN_SECRET));

        Received r = received.get(0);
        assertThat(r.headers().getFirst("webhook-signature")).startsWith("v1,");
        assertThat(verify(PLAIN_SECRET, r.headers(), r.body())).isTrue();
        assertThat(verify("some-other-secret-value", r.headers(), r.body())).isFalse();
    }

    @Test
    void whsecSecretSignatureVerifies() throws Exception {
        new WebhookChannel(false, Duration.ofSeconds(5)).send(delivery("dlv_whsec", 1, hookUrl(), WHSEC_SECRET));

        Received r = received.get(0);
        assertThat(verify(WHSEC_SECRET, r.headers(), r.body())).isTrue();
        // signing with the literal text instead of the decoded key would not verify
        Headers headers = r.headers();
        Mac literal = Mac.getInstance("HmacSHA256");
        literal.init(new SecretKeySpec(WHSEC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        literal.update((headers.getFirst("webhook-id") + "." + headers.getFirst("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        String wrong = "v1," + Base64.getEncoder().encodeToString(literal.doFinal(r.body()));
        assertThat(headers.getFirst("webhook-signature")).isNotEqualTo(wrong);
    }

    @Test
    void tamperedBodyFailsVerification() throws Exception {
        new WebhookChannel(false, Duration.ofSeconds(5)).send(delivery("dlv_tamper", 1, hookUrl(), PLAIN_SECRET));

        Received r = received.get(0);
        byte[] tampered = new String(r.body(), StandardCharsets.UTF_8).replace("#7 Add index", "#7 Drop table")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(r.body());
        assertThat(verify(PLAIN_SECRET, r.headers(), tampered)).isFalse();
        byte[] flipped = Arrays.copyOf(r.body(), r.body().length);
        flipped[flipped.length / 2] ^= 1;
        assertThat(verify(PLAIN_SECRET, r.headers(), flipped)).isFalse();
    }

    @Test
    void webhookIdIsTheDeliveryIdOnEveryAttemptAndTimestampIsNow() throws Exception {
        WebhookChannel channel = new WebhookChannel(false, Duration.ofSeconds(5));
        channel.send(delivery("dlv_retry", 1, hookUrl(), PLAIN_SECRET));
        channel.send(delivery("dlv_retry", 2, hookUrl(), PLAIN_SECRET));

        assertThat(received).hasSize(2);
        long now = Instant.now().getEpochSecond();
        for (Received r : received) {
            assertThat(r.headers().getFirst("webhook-id")).isEqualTo("dlv_retry");
            assertThat(Long.parseLong(r.headers().getFirst("webhook-timestamp"))).isBetween(now - 5, now + 1);
            assertThat(verify(PLAIN_SECRET, r.headers(), r.body())).isTrue();
        }
    }

    @Test
    void bodyCarriesTypeTimestampAndEventData() throws Exception {
        new WebhookChannel(false, Duration.ofSeconds(5)).send(delivery("dlv_body", 1, hookUrl(), PLAIN_SECRET));

        Received r = received.get(0);
        assertThat(r.path()).isEqualTo("/hooks/countersign");
        assertThat(r.headers().getFirst("Content-Type")).startsWith("application/json");
        assertThat(r.headers().getFirst("User-Agent")).isEqualTo("Countersign/1");

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("type").asText()).isEqualTo("request.submitted");
        assertThat(body.get("timestamp").asText()).isEqualTo("2025-03-01T10:15:30Z");
        JsonNode data = body.get("data");
        assertThat(data.get("eventId").asText()).isEqualTo("evt-7");
        assertThat(data.get("workspace").asText()).isEqualTo("acme");
        assertThat(data.get("workspaceName").asText()).isEqualTo("Acme");
        assertThat(data.get("title").asText()).isEqualTo("#7 Add index");
        assertThat(data.get("text").asText()).isEqualTo("Dana submitted #7.\nKind: sql");
        assertThat(data.get("link").asText()).isEqualTo("https://cs.example.com/w/acme/requests/7");
        assertThat(data.get("requestId").asText()).isEqualTo("req-7");
        assertThat(data.get("number").asInt()).isEqualTo(7);
        assertThat(data.get("kind").asText()).isEqualTo("sql");
        assertThat(data.get("state").asText()).isEqualTo("pending");
        assertThat(data.get("author").asText()).isEqualTo("dana");
        assertThat(data.get("reviewers").toString()).isEqualTo("[\"erin\",\"vic\"]");
        assertThat(data.at("/flags/urgent").asBoolean()).isTrue();
    }

    @Test
    void unavailableReceiverIsRetryable() {
        status = 503;
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("HTTP 503 from " + base());
    }

    @Test
    void goneIsPermanent() {
        status = 410;
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP 410 from " + base());
    }

    @Test
    void clientErrorsOtherThanGoneAreRetryable() {
        for (int code : new int[] {400, 401, 404, 429}) {
            status = code;
            DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl());
            assertThat(e.permanent()).as("HTTP %d", code).isFalse();
        }
    }

    @Test
    void redirectIsRetryableAndNotFollowed() {
        status = 302;
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("HTTP 302 from " + base());
        assertThat(received).hasSize(1);
        assertThat(redirectTargetHits).isEmpty();
    }

    @Test
    void linkLocalAddressIsRefused() {
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)),
                "http://169.254.169.254/latest/meta-data/");
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("link-local");
    }

    @Test
    void privateAddressIsRefusedWhenDenied() {
        DeliveryException e = sendExpectingFailure(new WebhookChannel(true, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isTrue();
        assertThat(received).isEmpty();
    }

    @Test
    void slowReceiverTimesOut() {
        delayMs = 3_000;
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofMillis(300)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("timed out after 300 ms");
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)),
                "http://127.0.0.1:" + closedPort + "/hooks");
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("connection refused by http://127.0.0.1:" + closedPort);
    }

    @Test
    void undecodableWhsecSecretIsPermanentWithoutSending() {
        DeliveryException e = sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl(),
                "whsec_%%%not-base64%%%");
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).doesNotContain("not-base64");
        assertThat(received).isEmpty();
    }

    @Test
    void messagesNeverRevealTheSecretOrThePath() {
        for (String secret : new String[] {PLAIN_SECRET, WHSEC_SECRET}) {
            status = 500;
            delayMs = 0;
            assertSafe(sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl(), secret),
                    secret);
            status = 410;
            assertSafe(sendExpectingFailure(new WebhookChannel(false, Duration.ofSeconds(5)), hookUrl(), secret),
                    secret);
            status = 204;
            delayMs = 2_000;
            assertSafe(sendExpectingFailure(new WebhookChannel(false, Duration.ofMillis(200)), hookUrl(), secret),
                    secret);
        }
    }

    private void assertSafe(DeliveryException e, String secret) {
        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("/hooks").doesNotContain("path-credential");
    }

    @Test
    void typeIsWebhook() {
        assertThat(new WebhookChannel(false, Duration.ofSeconds(1)).type()).isEqualTo("webhook");
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> new WebhookChannel(false, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DeliveryException sendExpectingFailure(WebhookChannel channel, String url) {
        return sendExpectingFailure(channel, url, PLAIN_SECRET);
    }

    private DeliveryException sendExpectingFailure(WebhookChannel channel, String url, String secret) {
        try {
            channel.send(delivery("dlv_fail", 1, url, secret));
        } catch (DeliveryException e) {
            return e;
        }
        throw new AssertionError("the delivery unexpectedly succeeded");
    }
}
