package org.countersign.api.resource;

import java.time.Instant;

/** An immutable snapshot, numbered 1, 2, ... per resource; {@code requestId} is the request that published it. */
public record Revision(int number, ResourceContent content, String author, Instant at, String comment, String requestId) {
}
