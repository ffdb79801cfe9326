package org.countersign.api.access;

import java.util.List;
import java.util.Map;

/**
 * One statement of a role (docs/domain.md#members-roles-and-permissions). {@code deny} wins over {@code allow}; {@code
 * draftOnly} limits create/update/delete to drafts that need approval when the workspace requires approvals; {@code
 * where} restricts the statement to resources carrying all the given labels. A missing {@code resourceTypes}
 * means every type.
 */
public record Statement(String effect, List<String> actions, List<String> resourceTypes, boolean draftOnly,
        Where where) {

    public static final String ALLOW = "allow";
    public static final String DENY = "deny";

    public Statement {
        resourceTypes = resourceTypes == null ? List.of("*") : resourceTypes;
    }

    public static Statement allow(List<String> actions, List<String> resourceTypes) {
        return new Statement(ALLOW, actions, resourceTypes, false, null);
    }

    public static Statement allowDraftOnly(List<String> actions, List<String> resourceTypes) {
        return new Statement(ALLOW, actions, resourceTypes, true, null);
    }

    public boolean denies() {
        return DENY.equals(effect);
    }

    /** Label conditions, never null. */
    public Map<String, String> labels() {
        return where == null || where.labels() == null ? Map.of() : where.labels();
    }

    /** The resource condition of a statement. */
    public record Where(Map<String, String> labels) {
    }
}
