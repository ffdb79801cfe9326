package org.countersign.api.event;

import java.time.Instant;

/**
 * One notification on its way to one channel target. {@code message} is the rendered notification as JSON;
 * {@code leaseUntil} is set while a dispatcher is sending it, so that no two send it at once.
 */
public record StoredDelivery(String id, String workspaceId, String eventId, String eventType, String channel,
        String recipient, String url, String secret, String message, String state, int attempts, Instant nextAttemptAt,
        Instant leaseUntil, String lastError, Instant createdAt, Instant deliveredAt) {
}
