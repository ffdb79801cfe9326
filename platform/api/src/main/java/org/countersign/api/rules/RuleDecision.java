package org.countersign.api.rules;

import java.util.List;

/**
 * What the rules add for one item: whether approval is required, the approval requirements, self- and
 * contributor-approval bans, blocks, extra reviewers, manual apply, and which rules matched (the explanation).
 */
public record RuleDecision(
        boolean requireApproval,
        List<Requirement> requirements,
        boolean forbidSelfApproval,
        boolean forbidContributorApproval,
        List<String> blocks,
        List<String> reviewerEmails,
        boolean applyManually,
        List<String> matchedRules) {

    /** {@code approvals n, from: group}: the group is a kind (role, users, owners, anyone) and its members. */
    public record Requirement(String rule, int approvals, String group, List<String> members) {
    }
}
