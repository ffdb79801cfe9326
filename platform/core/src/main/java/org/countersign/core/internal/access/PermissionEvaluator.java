package org.countersign.core.internal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Grant;
import org.countersign.api.access.PermissionCheck;
import org.countersign.api.access.PermissionCheck.MatchedStatement;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.rules.RulesService;

/**
 * Decides one action against one role. A statement applies when it names the action (or {@code *}, which
 * covers every resource action but never {@code manage}), the resource type (or {@code *}) and every label
 * of its {@code where}. Any applying deny wins; otherwise an applying allow grants, and when every applying
 * allow is {@code draftOnly} a write is granted only through drafts. The workspace's rules resource is
 * changed (and its changes approved) only by those who may manage the workspace.
 */
public final class PermissionEvaluator {

    private PermissionEvaluator() {
    }

    /**
     * @param resourceType null for the workspace-level {@code manage}
     * @param labels the resource's labels; label conditions never hold for workspace-level actions
     */
    public static PermissionCheck check(Role role, String action, String resourceType, Map<String, String> labels) {
        if (RulesService.RESOURCE_TYPE.equals(resourceType) && !Actions.READ.equals(action)) {
            // rules stay in the hands of manage (docs/domain.md#approval-rules): every change to them, by any path,
            // needs it
            PermissionCheck manage = check(role, Actions.MANAGE, null, Map.of());
            return new PermissionCheck(action, resourceType, manage.grant(), manage.matched());
        }
        List<MatchedStatement> matched = new ArrayList<>();
        boolean denied = false;
        boolean allowed = false;
        boolean allowedOnlyAsDraft = false;
        List<Statement> statements = role.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            if (!applies(statement, action, resourceType, labels)) {
                continue;
            }
            matched.add(new MatchedStatement(role.name(), i, statement));
            if (statement.denies()) {
                denied = true;
            } else if (statement.draftOnly() && Actions.WRITE_ACTIONS.contains(action)) {
                allowedOnlyAsDraft = true;
            } else {
                allowed = true;
            }
        }
        Grant grant = denied ? Grant.DENIED : allowed ? Grant.ALLOWED : allowedOnlyAsDraft ? Grant.DRAFT_ONLY : Grant.DENIED;
        return new PermissionCheck(action, resourceType, grant, matched);
    }

    private static boolean applies(Statement statement, String action, String resourceType, Map<String, String> labels) {
        boolean workspaceLevel = Actions.MANAGE.equals(action);
        boolean actionMatches = statement.actions().contains(action)
                || (!workspaceLevel && statement.actions().contains(Actions.ALL));
        if (!actionMatches) {
            return false;
        }
        boolean typeMatches = statement.resourceTypes().contains(Actions.ALL)
                || (!workspaceLevel && statement.resourceTypes().contains(resourceType));
        if (!typeMatches) {
            return false;
        }
        Map<String, String> required = statement.labels();
        if (workspaceLevel) {
            return required.isEmpty();
        }
        return required.entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
    }
}
