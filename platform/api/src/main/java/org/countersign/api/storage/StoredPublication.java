package org.countersign.api.storage;

import java.time.Instant;

/**
 * Which revision of a resource is live in one environment. {@code contentJson} is that revision's content,
 * filled in on reads (so that listing resources needs no query per revision) and ignored on writes.
 */
public record StoredPublication(String resourceId, String environment, int revision, Instant publishedAt,
        String publishedBy, String contentJson) {
}
