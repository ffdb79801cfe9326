package org.countersign.api.storage;

import java.time.Instant;
import org.countersign.api.resource.ResourceState;

/**
 * A resource row: its current name, labels and owners (JSON object and array as the core wrote them) and
 * state. The store indexes the labels so that lists can filter on them.
 */
public record StoredResource(String id, String workspaceId, String type, String name, String labelsJson,
        String ownersJson, ResourceState state, Instant createdAt, String createdBy, Instant updatedAt) {
}
