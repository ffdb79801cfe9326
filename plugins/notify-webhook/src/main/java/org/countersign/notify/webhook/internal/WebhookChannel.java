package org.countersign.notify.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.countersign.api.config.ConfigKeys;
import org.countersign.api.config.RuntimeConfig;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.Notification;
import org.countersign.api.notify.NotificationChannel;
import org.countersign.api.notify.OutboundUrls;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Posts notifications as JSON to a workspace's HTTP endpoint, signed per the Standard Webhooks specification so
 * the receiver can check that they come from this instance, are recent, and are not replays.
 */
@Component(service = NotificationChannel.class)
public final class WebhookChannel implements NotificationChannel {

    static final String TYPE = "webhook";
    private static final long DEFAULT_TIMEOUT_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean denyPrivate;
    private final Duration timeout;
    private final HttpClient client;

    @Activate
    public WebhookChannel(BundleContext context) {
        this(new RuntimeConfig(context::getProperty));
    }

    private WebhookChannel(RuntimeConfig config) {
        this(config.getBoolean(ConfigKeys.WEBHOOK_DENY_PRIVATE, false),
                Duration.ofMillis(config.getLong(ConfigKeys.NOTIFY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS)));
    }

    WebhookChannel(boolean denyPrivate, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(ConfigKeys.NOTIFY_TIMEOUT_MS + " must be positive");
        }
        this.denyPrivate = denyPrivate;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                // a redirect would go to an address OutboundUrls never checked
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryException {
        URI uri = OutboundUrls.check(delivery.url(), denyPrivate);
        String origin = origin(uri);
        if (delivery.id() == null || delivery.id().isBlank()) {
            throw DeliveryException.permanent("the delivery has no id to send as webhook-id");
        }
        // signed and sent as the same bytes, so re-serializing cannot make the signature disagree with the body
        byte[] body = payload(delivery.notification());
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(delivery.secret(), delivery.id(), timestamp, body);

        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Countersign/1")
                    // the delivery id, unchanged on retries, lets the receiver drop duplicates
                    .header("webhook-id", delivery.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("cannot build a request to " + origin);
        }

        int status = exchange(request, origin).statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        // 410 Gone is how a receiver asks to stop; anything else (3xx included) may be temporary
        throw new DeliveryException("HTTP " + status + " from " + origin, status == 410, null);
    }

    /** {@code {"type", "timestamp", "data": {...}}}, the Standard Webhooks payload shape. */
    static byte[] payload(Notification n) throws DeliveryException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", n.eventId());
        data.put("workspace", n.workspaceSlug());
        data.put("workspaceName", n.workspaceName());
        data.put("title", n.title());
        data.put("text", n.text());
        data.put("link", n.link());
        // the documented fields above keep their meaning even if the event carries one of the same name
        n.data().forEach((key, value) -> {
            if (!data.containsKey(key)) {
                data.put(key, value);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.type());
        body.put("timestamp", n.occurredAt() == null ? null : n.occurredAt().toString());
        body.put("data", data);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // the same data will fail the same way on every retry
            throw new DeliveryException("the event data cannot be written as JSON", true, e);
        }
    }

    private HttpResponse<Void> exchange(HttpRequest request, String origin) throws DeliveryException {
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // one deadline for the whole exchange, reading the response body included
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending to " + origin, false, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeliveryException(timedOut(), false, null);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), origin);
        }
    }

    private DeliveryException failure(Throwable cause, String origin) {
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return new DeliveryException(timedOut(), false, cause);
        }
        Throwable connect = cause;
        while (connect != null && !(connect instanceof ConnectException)) {
            connect = connect.getCause();
        }
        if (connect != null) {
            // the asynchronous client reports a refused connection as a bare ConnectException
            String detail = connect.getMessage();
            return new DeliveryException(detail == null || detail.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused by " + origin
                    : "could not connect to " + origin + ": " + limit(detail, 120), false, cause);
        }
        if (cause instanceof IOException) {
            // JDK messages here (a reset connection, a TLS failure, no bytes received) name no URL; keep them short
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new DeliveryException("I/O error with " + origin + ": " + limit(detail, 120), false, cause);
        }
        return new DeliveryException("failed to send to " + origin + ": " + cause.getClass().getSimpleName(), false, cause);
    }

    private String timedOut() {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    /** scheme://host[:port]: the path and query of a webhook URL may carry a token, so they are never logged. */
    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
