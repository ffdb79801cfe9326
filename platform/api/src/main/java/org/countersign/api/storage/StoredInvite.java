package org.countersign.api.storage;

import java.time.Instant;

/** A one-time link to set a password, known by the SHA-256 of its token; {@code usedAt} once it was used. */
public record StoredInvite(String tokenHash, String userId, Instant createdAt, Instant expiresAt, Instant usedAt) {
}
