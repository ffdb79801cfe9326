package org.countersign.api.access;

import java.util.List;

/**
 * One action checked against a role, with the statements that decided it.
 *
 * @param resourceType null for workspace-level actions ({@code manage})
 */
public record PermissionCheck(String action, String resourceType, Grant grant, List<MatchedStatement> matched) {

    public PermissionCheck {
        matched = List.copyOf(matched);
    }

    /** A statement of a role that applied to the check; {@code index} is its position in the role. */
    public record MatchedStatement(String role, int index, Statement statement) {
    }
}
