package org.countersign.api.storage;

import java.time.Instant;

/**
 * A revision row; never changed once written. {@code author} wrote the draft (its first contributor),
 * {@code contributorsJson} is everyone who edited it (a JSON array, null for old rows), {@code publishedBy}
 * made it live.
 */
public record StoredRevision(String resourceId, int number, String contentJson, String author, Instant at,
        String comment, String requestId, String publishedBy, String contributorsJson) {
}
