package org.countersign.core.internal.change;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Role;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.Requirement;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.PermissionEvaluator;

/**
 * Evaluates a request against current roles and settings, as SPEC §2.5 asks on every action: who may approve,
 * whose approvals count (given in the current round, by someone still eligible, each person once) and what
 * remains. Every request needs one approval from anyone with approve permission on all of its items.
 */
final class RequestEvaluator {

    private final AccessControl access;

    RequestEvaluator(AccessControl access) {
        this.access = access;
    }

    /** The outcome of one evaluation. */
    record Evaluation(List<Requirement> requirements, int remainingApprovals, List<String> blockedBy) {

        boolean satisfied() {
            return remainingApprovals == 0;
        }
    }

    /** Why a user may not approve, or empty when they may. */
    Optional<Refusal> refusal(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings,
            String userId) {
        if (userId.equals(request.author()) && !settings.allowSelfApproval()) {
            return Optional.of(new Refusal("self_approval_forbidden",
                    "Authors cannot approve their own requests in this workspace"));
        }
        Optional<Role> role = tx.members().role(request.workspaceId(), userId)
                .flatMap(name -> access.findRole(tx, request.workspaceId(), name));
        if (role.isEmpty()) {
            return Optional.of(new Refusal("not_eligible", "Only members may approve"));
        }
        for (StoredResource item : items) {
            Map<String, String> labels = ContentJson.labels(item.labelsJson());
            if (!PermissionEvaluator.check(role.get(), Actions.APPROVE, item.type(), labels).grant().permits()) {
                return Optional.of(new Refusal("not_eligible",
                        "Your role '" + role.get().name() + "' may not approve " + item.type() + " " + item.name()));
            }
        }
        return Optional.empty();
    }

    /** A refusal to approve: {@code self_approval_forbidden} or {@code not_eligible}. */
    record Refusal(String code, String reason) {
    }

    Evaluation evaluate(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings) {
        Set<String> approvers = new LinkedHashSet<>();
        for (StoredReview review : tx.requests().reviews(request.id())) {
            if (review.round() == request.round() && ApprovalRequest.APPROVED.equals(review.verdict())
                    && refusal(tx, request, items, settings, review.userId()).isEmpty()) {
                approvers.add(review.userId());
            }
        }
        List<Requirement> requirements = new ArrayList<>();
        int needed = ApprovalPolicy.ONE_APPROVAL.needed();
        requirements.add(new Requirement(ApprovalPolicy.ONE_APPROVAL.description(), needed, List.copyOf(approvers),
                approvers.size() >= needed));
        int remaining = requirements.stream().mapToInt(r -> Math.max(0, r.needed() - r.approvedBy().size())).sum();
        return new Evaluation(requirements, remaining, List.of());
    }
}
