package org.countersign.notify.slack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.countersign.api.config.ConfigKeys;
import org.countersign.api.config.RuntimeConfig;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.NotificationChannel;
import org.countersign.api.notify.OutboundUrls;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Posts notifications to Slack incoming webhooks. The webhook URL is a credential, so failures name only its
 * origin (scheme, host and port), never its path.
 */
@Component(service = NotificationChannel.class)
public final class SlackChannel implements NotificationChannel {

    static final String TYPE = "slack";
    private static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** Slack's answers for a malformed payload or a revoked, disabled or unknown webhook: retrying cannot help. */
    private static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 410);
    /** Slack explains a refusal in a short code such as {@code invalid_token}; more is never needed. */
    private static final int KEPT_BODY_BYTES = 256;
    private static final Pattern SLACK_ERROR = Pattern.compile("[a-z_]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean denyPrivate;
    private final Duration timeout;
    private final HttpClient client;

    @Activate
    public SlackChannel(BundleContext context) {
        this(new RuntimeConfig(context::getProperty));
    }

    private SlackChannel(RuntimeConfig config) {
        this(config.getBoolean(ConfigKeys.WEBHOOK_DENY_PRIVATE, false),
                Duration.ofMillis(config.getLong(ConfigKeys.NOTIFY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS)));
    }

    SlackChannel(boolean denyPrivate, Duration timeout) {
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
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(SlackMessage.render(JSON, delivery.notification()));
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the message cannot be written as JSON", true, e);
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Countersign/1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("not a usable URL: " + origin);
        }

        HttpResponse<String> response = exchange(request, origin);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String reason = response.body() == null ? "" : response.body().strip();
        String message = "HTTP " + status + " from " + origin + (SLACK_ERROR.matcher(reason).matches() ? " (" + reason + ")" : "");
        throw new DeliveryException(message, PERMANENT.contains(status), null);
    }

    private HttpResponse<String> exchange(HttpRequest request, String origin) throws DeliveryException {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, info -> new FirstBytes(KEPT_BODY_BYTES));
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

    /** scheme://host[:port], the part of a webhook URL that is safe to log. */
    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** Keeps the start of a response body and stops reading there, so a chatty receiver cannot fill memory. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {
        private final byte[] kept;
        private int size;
        private Flow.Subscription subscription;
        private final CompletableFuture<String> result = new CompletableFuture<>();

        FirstBytes(int max) {
            this.kept = new byte[max];
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), kept.length - size);
                item.get(kept, size, n);
                size += n;
            }
            if (size == kept.length && !result.isDone()) {
                subscription.cancel();
                complete();
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
        }
    }
}
