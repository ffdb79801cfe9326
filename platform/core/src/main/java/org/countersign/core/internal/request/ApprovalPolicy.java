package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.access.Grant;
import org.countersign.api.approval.ApprovalRequiredException;
import org.countersign.api.approval.Requirement;
import org.countersign.api.error.ConflictException;
import org.countersign.api.resource.ConfigDiff;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.rules.RulesResourceType;

/**
 * Whether a change by this actor may go live directly (docs/domain.md#members-roles-and-permissions,
 * #approval-requests). Roles and settings require approval only for governed types, only for changes touching what the
 * type calls approval-relevant (or its labels and owners, which decide access and reviewers), and only for actors whose
 * role allows the change through drafts alone while the workspace requires approvals. Rules can require approval for
 * anything, and block it.
 */
public final class ApprovalPolicy {

    /** What every request needs unless rules say more. */
    static final Requirement ONE_APPROVAL = new Requirement("1 approval from anyone with approve permission", 1,
            List.of(), false);

    private ApprovalPolicy() {
    }

    /** A decided change: may it go live directly, and if not, why and what it would need. */
    public record Decision(Grant grant, List<String> reasons, List<String> blocks, List<Requirement> requirements) {

        public boolean approvalRequired() {
            return !reasons.isEmpty();
        }
    }

    /**
     * Checks the actor's permission for {@code action} on the resource as it is and as it will be (403 when
     * either is denied) and decides whether approval is required.
     *
     * @param labelsBefore null for a new resource
     */
    public static Decision decide(WorkspaceAccess ws, WorkspaceSettings settings, ResourceType type, String action,
            Map<String, String> labelsBefore, Map<String, String> labelsAfter, ConfigDiff diff, RulesGate.Outcome rules) {
        Grant grant = ws.require(action, type.name(), labelsAfter);
        if (labelsBefore != null && !labelsBefore.equals(labelsAfter)
                && ws.require(action, type.name(), labelsBefore) == Grant.DRAFT_ONLY) {
            grant = Grant.DRAFT_ONLY;
        }
        List<String> reasons = new ArrayList<>();
        if (type.governed() && relevant(type, action, diff) && grant == Grant.DRAFT_ONLY && settings.requireApprovals()) {
            reasons.add("Your role '" + ws.role().name() + "' may " + action + " " + type.name()
                    + " resources only through approved drafts, and this workspace requires approvals");
        }
        if (RulesResourceType.NAME.equals(type.name()) && settings.governRules()) {
            reasons.add("This workspace governs its rules (governRules): changing them needs an approved request");
        }
        if (rules.requireApproval()) {
            reasons.add("The workspace rules require approval (matched: " + String.join(", ", rules.matchedRules()) + ")");
        }
        List<Requirement> requirements = new ArrayList<>(List.of(ONE_APPROVAL));
        rules.requirements().forEach(r -> requirements.add(new Requirement(r.description(), r.needed(), List.of(), false)));
        return new Decision(grant, reasons, rules.blocks(), requirements);
    }

    /** Refuses with 409 {@code blocked} or 403 {@code approval_required} when the change cannot go live directly. */
    public static void requireDirect(Decision decision) {
        if (!decision.blocks().isEmpty()) {
            throw new ConflictException("blocked", "Blocked by the workspace rules: " + String.join("; ", decision.blocks()));
        }
        if (decision.approvalRequired()) {
            throw new ApprovalRequiredException("This change needs approval: submit it as a request", decision.reasons(),
                    decision.requirements());
        }
    }

    private static boolean relevant(ResourceType type, String action, ConfigDiff diff) {
        if (!"update".equals(action) || type.approvalRelevantPaths().isEmpty()) {
            return true;
        }
        return diff.paths().stream().anyMatch(path -> path.startsWith("/labels") || path.equals("/owners")
                || type.approvalRelevantPaths().stream().anyMatch(relevant -> under(path, "/config" + relevant)));
    }

    /** True when {@code path} is {@code prefix} or below it. */
    static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
