package org.countersign.api.storage;

import java.time.Instant;

/** A user's console password: an Argon2id hash in PHC form, and whether it must be changed at the next sign-in. */
public record StoredCredential(String userId, String hash, boolean mustChange, Instant updatedAt) {
}
