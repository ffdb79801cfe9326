package org.countersign.api.workspace;

import java.time.Instant;

/**
 * A workspace isolates everything below it (docs/domain.md#workspaces-and-settings). {@code slug} is its stable name in
 * URLs.
 */
public record Workspace(String id, String slug, String name, Instant createdAt, String createdBy) {

    /** Workspace slugs as docs/domain.md#http-api defines them. */
    public static final String SLUG_PATTERN = "[a-z0-9][a-z0-9-]{1,62}";
}
