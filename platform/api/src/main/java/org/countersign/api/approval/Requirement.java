package org.countersign.api.approval;

import java.util.List;

/**
 * One approval requirement of a change (docs/domain.md#approval-requests): {@code needed} approvals from the people it
 * describes; {@code approvedBy} are those whose current approvals count towards it.
 */
public record Requirement(String description, int needed, List<String> approvedBy, boolean satisfied) {

    public Requirement {
        approvedBy = List.copyOf(approvedBy);
    }
}
