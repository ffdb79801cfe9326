package org.countersign.api.workspace;

import java.util.List;

/**
 * The settings of docs/domain.md#workspaces-and-settings. {@link #DEFAULTS} is what a new workspace starts with.
 *
 * @param environments ordered promotion path; publishing goes to the first
 * @param notifications channels; their URLs and secrets are write-only
 */
public record WorkspaceSettings(
        boolean requireApprovals,
        boolean allowSelfApproval,
        List<String> environments,
        Promotion promotion,
        List<NotificationTarget> notifications,
        String timezone,
        boolean governRules) {

    public static final WorkspaceSettings DEFAULTS = new WorkspaceSettings(false, false, List.of("production"),
            Promotion.DEFAULTS, List.of(), "UTC", false);

    public WorkspaceSettings {
        environments = List.copyOf(environments);
        notifications = List.copyOf(notifications);
    }

    /** The same settings with {@code governRules} set. */
    public WorkspaceSettings withGovernRules(boolean governed) {
        return new WorkspaceSettings(requireApprovals, allowSelfApproval, environments, promotion, notifications,
                timezone, governed);
    }

    /** The environment publishing goes to. */
    public String firstEnvironment() {
        return environments.get(0);
    }

    /**
     * The Environment Promotion workflow.
     *
     * @param reviewerRoles roles whose members may review promotions (empty: any approver)
     * @param assignees user ids within those roles; when non-empty only they may respond
     */
    public record Promotion(boolean enabled, List<String> reviewerRoles, List<String> assignees) {

        public static final Promotion DEFAULTS = new Promotion(false, List.of(), List.of());

        public Promotion {
            reviewerRoles = List.copyOf(reviewerRoles);
            assignees = List.copyOf(assignees);
        }
    }

    /** A notification channel of the workspace: {@code email}, {@code slack} (url) or {@code webhook} (url, secret). */
    public record NotificationTarget(String type, String url, String secret) {
    }
}
