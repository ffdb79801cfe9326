package org.countersign.api.storage;

import java.time.Instant;

/** A revision row; never changed once written. */
public record StoredRevision(String resourceId, int number, String contentJson, String author, Instant at,
        String comment, String requestId) {
}
