package org.countersign.api.access;

import java.util.List;
import java.util.Map;

/**
 * A user's effective permissions in a workspace: on one resource, or on every known resource type.
 *
 * @param role null when the user is not a member (then nothing is allowed)
 * @param resourceId null when the report covers resource types rather than one resource
 */
public record PermissionReport(String userId, String role, String resourceId, String resourceType,
        Map<String, String> labels, List<PermissionCheck> checks) {

    public PermissionReport {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        checks = List.copyOf(checks);
    }
}
