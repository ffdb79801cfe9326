package org.countersign.api.identity;

import java.time.Instant;

/**
 * A bearer token's record. Only the SHA-256 {@code tokenHash} is stored; the token itself is shown once
 * at creation. {@code revokedAt} is null while the key is active.
 */
public record ApiKey(String id, String userId, String name, String tokenHash, Instant createdAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
