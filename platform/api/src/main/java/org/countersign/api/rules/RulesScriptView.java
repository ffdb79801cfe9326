package org.countersign.api.rules;

import java.time.Instant;
import java.util.List;

/**
 * A workspace's rules script as the API shows it: {@code version} 0 and an empty source when there is none;
 * {@code managedBy} is {@code api} (or {@code file} for scripts kept in the runtime folder's {@code rules/}).
 * {@code pendingRequest} names the approval request a governed change is waiting in, if any. {@code errors}
 * lists why a script (from a rules file) does not compile; while it has any, every change in the workspace is
 * blocked.
 */
public record RulesScriptView(String source, int version, String managedBy, Instant updatedAt, String updatedBy,
        String pendingRequest, List<RuleProblem> errors) {

    public RulesScriptView {
        errors = List.copyOf(errors);
    }
}
