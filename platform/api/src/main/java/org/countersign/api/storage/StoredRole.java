package org.countersign.api.storage;

import java.time.Instant;

/** A custom role row; {@code statementsJson} is the statements array as the core wrote it. */
public record StoredRole(String workspaceId, String name, String description, String statementsJson,
        Instant updatedAt) {
}
