package org.countersign.core.internal.access;

import java.util.Map;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Grant;
import org.countersign.api.access.PermissionCheck;
import org.countersign.api.access.Role;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.StoredWorkspace;

/**
 * An actor inside one workspace, with the role that decides what they may do there. Made only by
 * {@link AccessControl}, so holding one proves the workspace exists and the actor may see it.
 *
 * @param member false for an instance admin who is not a member: they may manage the workspace, nothing more
 */
public record WorkspaceAccess(StoredWorkspace workspace, Actor actor, Role role, boolean member) {

    public String workspaceId() {
        return workspace.id();
    }

    /** An audit entry in this workspace's chain, by this actor. */
    public AuditEntry auditEntry(String action, String target, Map<String, Object> details) {
        return new AuditEntry(workspace.id(), actor.userId(), action, target, details, actor.requestId());
    }

    public PermissionCheck check(String action, String resourceType, Map<String, String> labels) {
        return PermissionEvaluator.check(role, action, resourceType, labels);
    }

    /** Refuses with 403 unless the actor may manage the workspace (settings, members, roles, rules, audit). */
    public void requireManage() {
        if (!check(Actions.MANAGE, null, Map.of()).grant().permits()) {
            throw new ForbiddenException("forbidden", "Your role '" + role.name() + "' may not manage this workspace");
        }
    }

    /** Refuses with 403 when the action is denied; otherwise tells whether it is allowed outright or only as a draft. */
    public Grant require(String action, String resourceType, Map<String, String> labels) {
        Grant grant = check(action, resourceType, labels).grant();
        if (!grant.permits()) {
            throw new ForbiddenException("forbidden",
                    "Your role '" + role.name() + "' may not " + action + " resources of type " + resourceType);
        }
        return grant;
    }
}
