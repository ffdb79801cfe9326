package org.countersign.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.identity.ApiKey;

public interface ApiKeyRepository {

    void insert(ApiKey key);

    Optional<ApiKey> byId(String id);

    /** The active (not revoked) key with this token hash. */
    Optional<ApiKey> activeByHash(String tokenHash);

    /** The keys of one user, newest first. */
    List<ApiKey> forUser(String userId);

    /** Marks the key revoked; false when it did not exist or was already revoked. */
    boolean revoke(String id, Instant at);
}
