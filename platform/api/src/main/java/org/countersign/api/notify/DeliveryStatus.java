package org.countersign.api.notify;

import java.time.Instant;

/**
 * Where one delivery stands: {@code pending} (due now or at {@code nextAttemptAt}), {@code waiting} (its channel
 * cannot send now, for the reason in {@code waitingFor}: its bundle is not installed or it is not configured),
 * {@code delivered}, or {@code dead} (gave up after the last attempt or a permanent failure). {@code target} names
 * where it goes without revealing secrets: an email address, or a URL's scheme, host and port.
 */
public record DeliveryStatus(String id, String eventId, String eventType, String channel, String target, String state,
        int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
        String waitingFor) {

    public static final String PENDING = "pending";
    public static final String WAITING = "waiting";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
}
