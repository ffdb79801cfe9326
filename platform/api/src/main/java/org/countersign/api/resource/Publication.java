package org.countersign.api.resource;

import java.time.Instant;

/** The revision live in one environment. */
public record Publication(int revision, ResourceContent content, Instant publishedAt, String publishedBy) {
}
