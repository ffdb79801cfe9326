package org.countersign.api.storage;

import java.time.Instant;

/** A console session, known by the SHA-256 of its token; {@code csrf} is the token forms and scripts send back. */
public record StoredSession(String tokenHash, String userId, String csrf, Instant createdAt, Instant lastSeenAt) {
}
