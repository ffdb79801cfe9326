package org.countersign.api.storage;

import java.time.Instant;

/** One version of a workspace's rules script; the highest version is the one in force. */
public record StoredRuleScript(String workspaceId, int version, String source, Instant createdAt, String createdBy) {
}
