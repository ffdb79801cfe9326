package org.countersign.api.storage;

import java.time.Instant;

/** A draft row; {@code contentJson} holds name, labels, owners and config, {@code contributorsJson} an array of user ids. */
public record StoredDraft(String resourceId, int version, String contentJson, String contributorsJson,
        Integer baseRevision, Instant updatedAt, String updatedBy, String requestId) {
}
