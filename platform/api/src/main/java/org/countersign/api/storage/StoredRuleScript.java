package org.countersign.api.storage;

import java.time.Instant;

/**
 * One version of a workspace's rules script; the highest version is the one in force. {@code managedBy} is
 * {@code api}, or {@code file} when the version came from {@code rules/<slug>.groovy} in the runtime folder.
 */
public record StoredRuleScript(String workspaceId, int version, String source, Instant createdAt, String createdBy,
        String managedBy) {

    public static final String API = "api";
    public static final String FILE = "file";
}
