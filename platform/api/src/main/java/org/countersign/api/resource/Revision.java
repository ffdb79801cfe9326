package org.countersign.api.resource;

import java.time.Instant;
import java.util.List;

/**
 * An immutable snapshot, numbered 1, 2, ... per resource. {@code author} wrote the draft it came from and
 * {@code contributors} all edited it; {@code publishedBy} made it live, through {@code requestId} when a request
 * published it.
 */
public record Revision(int number, ResourceContent content, String author, Instant at, String comment, String requestId,
        String publishedBy, List<String> contributors) {

    public Revision {
        contributors = List.copyOf(contributors);
    }
}
