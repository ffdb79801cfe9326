package org.countersign.api.storage;

import java.time.Instant;

/** One timeline entry of a request. */
public record StoredRequestEvent(String requestId, Instant at, String actor, String action, String comment) {
}
