package org.countersign.api.resource;

import java.time.Instant;

/** A run request recorded for an external executor (a sync run, say). */
public record Run(String id, String resourceId, String environment, int revision, String actor, Instant at) {
}
