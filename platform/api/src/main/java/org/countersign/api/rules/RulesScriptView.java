package org.countersign.api.rules;

import java.time.Instant;

/**
 * A workspace's rules script as the API shows it: {@code version} 0 and an empty source when there is none;
 * {@code managedBy} is {@code api} (or {@code file} for scripts kept in the runtime folder's {@code rules/}).
 * {@code pendingRequest} names the approval request a governed change is waiting in, if any.
 */
public record RulesScriptView(String source, int version, String managedBy, Instant updatedAt, String updatedBy,
        String pendingRequest) {
}
