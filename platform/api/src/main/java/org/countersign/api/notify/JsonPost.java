package org.countersign.api.notify;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs JSON for the HTTP channels (Slack, webhooks): the target is checked by {@link OutboundUrls} first,
 * redirects are never followed (they would reach an address nobody checked), one deadline covers the whole
 * exchange, and failures become {@link DeliveryException}s that name only the URL's origin, since the path of a
 * Slack or webhook URL may be a credential.
 */
public final class JsonPost {

    /** Receivers explain a refusal in a few words; more is never kept. */
    private static final int KEPT_BODY_BYTES = 256;

    private final boolean denyPrivate;
    private final Duration timeout;
    private final HttpClient client;

    /** Configured from {@code webhook.deny.private} and {@code notify.timeout.ms}. */
    public JsonPost(JsonPostConfiguration config) {
        this(config.webhook_deny_private(), Duration.ofMillis(config.notify_timeout_ms()));
    }

    /** What the receiver answered: its status and the start of its body. */
    public record Answer(int status, String origin, String body) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    public JsonPost(boolean denyPrivate, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("notify.timeout.ms must be positive");
        }
        this.denyPrivate = denyPrivate;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Posts {@code body} with {@code headers} (beside the JSON content type); any answer is returned. */
    public Answer post(String url, byte[] body, Map<String, String> headers) throws DeliveryException {
        URI uri = OutboundUrls.check(url, denyPrivate);
        String origin = origin(uri);
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Countersign/1");
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("not a usable request to " + origin);
        }
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(
                request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), info -> new FirstBytes());
        try {
            HttpResponse<String> response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), origin, response.body());
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

    /** {@code scheme://host[:port]}: the part of a URL that is safe to show in a delivery log. */
    public static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
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
                    : "could not connect to " + origin + ": " + limit(detail), false, cause);
        }
        if (cause instanceof IOException) {
            // JDK messages here (a reset connection, a TLS failure) name no URL
            String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return new DeliveryException("I/O error with " + origin + ": " + limit(detail), false, cause);
        }
        return new DeliveryException("failed to send to " + origin + ": " + cause.getClass().getSimpleName(), false, cause);
    }

    private String timedOut() {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    private static String limit(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    /** Keeps the start of a response body and stops reading there, so a chatty receiver cannot fill memory. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<String> {

        private final byte[] kept = new byte[KEPT_BODY_BYTES];
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private int size;
        private Flow.Subscription subscription;

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
