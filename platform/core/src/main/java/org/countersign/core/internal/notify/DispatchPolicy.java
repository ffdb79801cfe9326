package org.countersign.core.internal.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.countersign.api.config.ConfigKeys;
import org.countersign.api.config.RuntimeConfig;

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
        positive(ConfigKeys.NOTIFY_POLL_MS, pollMs);
        positive(ConfigKeys.NOTIFY_MAX_ATTEMPTS, maxAttempts);
        positive(ConfigKeys.NOTIFY_BACKOFF_MS, backoffMs);
        positive(ConfigKeys.NOTIFY_BACKOFF_MAX_MS, backoffMaxMs);
        positive(ConfigKeys.NOTIFY_TIMEOUT_MS, timeoutMs);
        positive(ConfigKeys.NOTIFY_RETENTION_DAYS, retentionDays);
    }

    static DispatchPolicy from(RuntimeConfig config) {
        return new DispatchPolicy(config.getLong(ConfigKeys.NOTIFY_POLL_MS, 500),
                config.getInt(ConfigKeys.NOTIFY_MAX_ATTEMPTS, 10), config.getLong(ConfigKeys.NOTIFY_BACKOFF_MS, 1_000),
                config.getLong(ConfigKeys.NOTIFY_BACKOFF_MAX_MS, 3_600_000), config.getLong(ConfigKeys.NOTIFY_TIMEOUT_MS, 10_000),
                config.getInt(ConfigKeys.NOTIFY_RETENTION_DAYS, 30));
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
