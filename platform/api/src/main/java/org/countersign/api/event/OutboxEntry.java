package org.countersign.api.event;

import java.time.Instant;

/**
 * An event written in the same transaction as the change it reports, delivered later and at least once.
 * {@code payload} is JSON; {@code dispatchedAt} is null until the dispatcher has handed it to every channel.
 */
public record OutboxEntry(String id, String scope, String type, String payload, Instant createdAt, Instant dispatchedAt) {
}
