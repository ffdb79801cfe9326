package org.countersign.notify.slack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.Notification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sends to a real HTTP receiver on the loopback interface. */
class SlackChannelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOOK_PATH = "/services/T0001/B0002/very-secret-token";

    private HttpServer server;
    private ExecutorService threads;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "ok";
    private volatile long delayMs;

    record Received(String method, String path, Headers headers, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
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

    private String hookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + HOOK_PATH;
    }

    private static Notification notification(String link) {
        return new Notification("evt-1", "request.submitted", Instant.parse("2025-03-01T10:15:30Z"), "acme",
                "Acme <Ops> & Co", "#42 Drop <script>alert(1)</script> & co",
                "Dana submitted it for review.\nKind: sql <migration>\nReviewers: 2 needed", link,
                Map.of("requestId", "req-1", "number", 42));
    }

    private static Delivery delivery(String url, Notification n) {
        return new Delivery("dlv-1", "slack", 1, n, null, url, null);
    }

    @Test
    void postsFallbackTextAndEscapedBlocks() throws Exception {
        SlackChannel channel = new SlackChannel(false, Duration.ofSeconds(5));
        channel.send(delivery(hookUrl(), notification("https://cs.example.com/w/acme/requests/42?tab=a&b=c")));

        assertThat(received).hasSize(1);
        Received r = received.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(HOOK_PATH);
        assertThat(r.headers().getFirst("Content-Type")).startsWith("application/json");
        assertThat(r.headers().getFirst("User-Agent")).isEqualTo("Countersign/1");

        JsonNode message = JSON.readTree(r.body());
        String escapedTitle = "#42 Drop &lt;script&gt;alert(1)&lt;/script&gt; &amp; co";
        String link = "https://cs.example.com/w/acme/requests/42?tab=a&amp;b=c";
        assertThat(message.get("text").asText()).isEqualTo(escapedTitle + " <" + link + "|Open request>");

        JsonNode blocks = message.get("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).at("/text/text").asText()).isEqualTo("*<" + link + "|" + escapedTitle + ">*\n"
                + "Dana submitted it for review.\nKind: sql &lt;migration&gt;\nReviewers: 2 needed");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(1).get("elements")).hasSize(1);
        assertThat(blocks.get(1).at("/elements/0/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).at("/elements/0/text").asText())
                .isEqualTo("Countersign · Acme &lt;Ops&gt; &amp; Co · request.submitted");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("<script>");
    }

    @Test
    void withoutLinkTheTitleIsBoldAndTheFallbackIsTheTitle() throws Exception {
        new SlackChannel(false, Duration.ofSeconds(5)).send(delivery(hookUrl(), notification(null)));

        JsonNode message = JSON.readTree(received.get(0).body());
        assertThat(message.get("text").asText()).isEqualTo("#42 Drop &lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
        assertThat(message.at("/blocks/0/text/text").asText())
                .startsWith("*#42 Drop &lt;script&gt;alert(1)&lt;/script&gt; &amp; co*\nDana submitted");
    }

    @Test
    void serverErrorIsRetryable() {
        status = 500;
        answer = "<html><body>Internal error</body></html>";
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("HTTP 500 from http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void rateLimitIsRetryable() {
        status = 429;
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).startsWith("HTTP 429 from ");
    }

    @Test
    void revokedWebhookIsPermanentAndNamesSlacksReason() {
        status = 404;
        answer = "no_service";
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP 404 from http://127.0.0.1:" + server.getAddress().getPort()
                + " (no_service)");
    }

    @Test
    void malformedPayloadAnswersArePermanent() {
        for (int code : new int[] {400, 403, 410}) {
            status = code;
            DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), hookUrl());
            assertThat(e.permanent()).as("HTTP %d", code).isTrue();
        }
    }

    @Test
    void redirectIsNotFollowedAndIsRetryable() {
        status = 302;
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(received).hasSize(1);
    }

    @Test
    void linkLocalAddressIsRefusedWithoutConnecting() {
        long started = System.nanoTime();
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)),
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("link-local").doesNotContain("meta-data");
        // refused before any attempt: no connect timeout was waited for
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void privateAddressesAreRefusedWhenDenied() {
        DeliveryException e = sendExpectingFailure(new SlackChannel(true, Duration.ofSeconds(5)), hookUrl());
        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).contains("private");
        assertThat(received).isEmpty();
    }

    @Test
    void slowReceiverTimesOutAndIsRetryable() {
        delayMs = 3_000;
        long started = System.nanoTime();
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofMillis(300)), hookUrl());
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("timed out after 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void refusedConnectionIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DeliveryException e = sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)),
                "http://127.0.0.1:" + closedPort + HOOK_PATH);
        assertThat(e.permanent()).isFalse();
        assertThat(e.getMessage()).contains("connection refused").contains("127.0.0.1:" + closedPort);
    }

    @Test
    void failuresNeverRevealTheWebhookPath() {
        String url = hookUrl() + "?token=query-secret";
        status = 500;
        assertThat(sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), url).getMessage())
                .doesNotContain("/services").doesNotContain("very-secret-token").doesNotContain("query-secret");
        status = 404;
        assertThat(sendExpectingFailure(new SlackChannel(false, Duration.ofSeconds(5)), url).getMessage())
                .doesNotContain("/services").doesNotContain("very-secret-token").doesNotContain("query-secret");
        status = 200;
        delayMs = 3_000;
        assertThat(sendExpectingFailure(new SlackChannel(false, Duration.ofMillis(200)), url).getMessage())
                .doesNotContain("/services").doesNotContain("very-secret-token").doesNotContain("query-secret");
    }

    @Test
    void interruptIsHonoured() {
        delayMs = 3_000;
        SlackChannel channel = new SlackChannel(false, Duration.ofSeconds(10));
        Thread.currentThread().interrupt();
        try {
            DeliveryException e = sendExpectingFailure(channel, hookUrl());
            assertThat(e.permanent()).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void typeIsSlack() {
        assertThat(new SlackChannel(false, Duration.ofSeconds(1)).type()).isEqualTo("slack");
    }

    @Test
    void longTextIsCutToWhatSlackAccepts() throws Exception {
        Notification n = new Notification("evt-2", "request.commented", Instant.now(), "acme", "Acme", "Long",
                "&".repeat(5_000), null, Map.of());
        new SlackChannel(false, Duration.ofSeconds(5)).send(delivery(hookUrl(), n));

        String section = JSON.readTree(received.get(0).body()).at("/blocks/0/text/text").asText();
        assertThat(section.length()).isLessThanOrEqualTo(SlackMessage.SECTION_LIMIT);
        assertThat(section).endsWith("&amp;…");
    }

    private DeliveryException sendExpectingFailure(SlackChannel channel, String url) {
        try {
            channel.send(delivery(url, notification("https://cs.example.com/r/42")));
        } catch (DeliveryException e) {
            return e;
        }
        throw new AssertionError("the delivery unexpectedly succeeded");
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertThatThrownBy(() -> new SlackChannel(false, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
