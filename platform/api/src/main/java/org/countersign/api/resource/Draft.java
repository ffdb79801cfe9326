package org.countersign.api.resource;

import java.time.Instant;
import java.util.List;

/**
 * The one mutable working copy of a resource. {@code version} grows with every save (the ETag);
 * {@code contributors} are everyone who edited it; {@code baseRevision} is null for a new resource;
 * {@code requestId} names the live request holding the draft, if any.
 */
public record Draft(int version, ResourceContent content, List<String> contributors, Integer baseRevision,
        Instant updatedAt, String updatedBy, String requestId) {

    public Draft {
        contributors = List.copyOf(contributors);
    }
}
