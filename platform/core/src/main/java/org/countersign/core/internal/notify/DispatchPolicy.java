package org.countersign.core.internal.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.countersign.core.internal.config.CoreConfiguration;

/**
 * How hard the dispatcher tries: exponential backoff from {@code backoffMs}, doubled per failure up to
 * {@code backoffMaxMs} with a little jitter so that failed deliveries do not retry in lockstep, and a dead letter
 * after {@code maxAttempts}. A delivery being sent is leased for twice the attempt timeout, so a dispatcher that
 * dies mid-send releases it soon after for another to retry. Delivered deliveries and dispatched events are kept
 * {@code retentionDays}; dead ones and inbox entries stay until someone acts on them.
 */
record DispatchPolicy(long pollMs, int maxAttempts, long backoffMs, long backoffMaxMs, long timeoutMs,
        int retentionDays) {

    DispatchPolicy {
        positive("notify.poll.ms", pollMs);
        positive("notify.max.attempts", maxAttempts);
        positive("notify.backoff.ms", backoffMs);
        positive("notify.backoff.max.ms", backoffMaxMs);
        positive("notify.timeout.ms", timeoutMs);
        positive("notify.retention.days", retentionDays);
    }

    static DispatchPolicy from(CoreConfiguration config) {
        return new DispatchPolicy(config.notify_poll_ms(), config.notify_max_attempts(), config.notify_backoff_ms(),
                config.notify_backoff_max_ms(), config.notify_timeout_ms(), config.notify_retention_days());
    }

    /** When to try again after the failed attempt number {@code attempt}, or null when it was the last. */
    Instant retryAt(int attempt, Instant now) {
        if (attempt >= maxAttempts) {
            return null;
        }
        long delay = (long) Math.min(backoffMs * Math.pow(2, attempt - 1), backoffMaxMs);
        long jitter = delay / 10;
        return now.plusMillis(delay - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1));
    }

    Instant retainedSince(Instant now) {
        return now.minus(Duration.ofDays(retentionDays));
    }

    Duration lease() {
        return Duration.ofMillis(2 * timeoutMs);
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("Configuration key " + key + " must be at least 1, not " + value);
        }
    }
}
