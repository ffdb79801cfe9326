package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Role;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.Requirement;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.PermissionEvaluator;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentDiffer;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.ResourceRows;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.rules.RulesResourceType;

/**
 * Evaluates a request against current roles, settings and rules, as docs/domain.md#approval-requests asks on every
 * action: who may approve, whose approvals count (given in the current round on the current content, by someone still
 * eligible, each person once, towards every requirement whose group they are in) and what remains. Every request needs
 * one approval from anyone with approve permission on all of its items; rules add requirements, bans, blocks and manual
 * apply.
 */
public final class RequestEvaluator {

    private static final int MEMBER_BATCH = 500;

    private final AccessControl access;
    private final RulesGate rules;

    public RequestEvaluator(AccessControl access, RulesGate rules) {
        this.access = access;
        this.rules = rules;
    }

    /**
     * The outcome of one evaluation; {@code digest} fingerprints the content under review and {@code draftVersions}
     * names the draft version of each item (by resource id) that content is.
     */
    record Evaluation(List<Requirement> requirements, int remainingApprovals, List<String> blockedBy,
            boolean applyManually, RulesGate.Outcome rules, Bans bans, String digest,
            Map<String, Integer> draftVersions) {

        boolean satisfied() {
            return remainingApprovals == 0;
        }
    }

    /** A refusal to approve: {@code self_approval_forbidden} or {@code not_eligible}. */
    record Refusal(String code, String reason) {
    }

    Evaluation evaluate(Tx tx, WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings) {
        List<StoredRequestItem> rows = tx.requests().items(request.id());
        RulesGate.Outcome outcome = rules.evaluate(tx, ws, settings, change(tx, request, items, rows));
        String digest = RequestDigest.of(tx, request, rows);
        // a governed rules change keeps both bans whatever the settings say: no manager changes the rules alone
        boolean strict = settings.governRules()
                && items.stream().anyMatch(item -> RulesResourceType.NAME.equals(item.type()));
        Bans bans = new Bans(request.author(), contributors(tx, rows), settings, outcome, strict);
        Map<String, Integer> versions = new LinkedHashMap<>();
        rows.stream().filter(row -> row.draftVersion() != null)
                .forEach(row -> versions.put(row.resourceId(), row.draftVersion()));
        return counted(tx, request, items, settings, outcome, bans, digest, versions);
    }

    /**
     * {@code earlier} again with the reviews as they are now, for when only a review was added since (in the same
     * transaction): the content, its digest, the rules' outcome and the bans do not depend on reviews, so only the
     * counting is done again.
     */
    Evaluation recount(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings,
            Evaluation earlier) {
        return counted(tx, request, items, settings, earlier.rules(), earlier.bans(), earlier.digest(),
                earlier.draftVersions());
    }

    private Evaluation counted(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings,
            RulesGate.Outcome outcome, Bans bans, String digest, Map<String, Integer> versions) {
        Set<String> approvers = new LinkedHashSet<>();
        for (StoredReview review : tx.requests().reviews(request.id())) {
            if (counts(review, request, digest)
                    && refusal(tx, request, items, settings, bans, review.userId()).isEmpty()) {
                approvers.add(review.userId());
            }
        }
        List<Requirement> requirements = new ArrayList<>();
        requirements.add(requirement(ApprovalPolicy.ONE_APPROVAL.description(), 1, approvers));
        for (RulesGate.RuleRequirement rule : outcome.requirements()) {
            Set<String> counted = new LinkedHashSet<>(approvers);
            if (rule.eligible() != null) {
                counted.retainAll(rule.eligible());
            }
            requirements.add(requirement(rule.description(), rule.needed(), counted));
        }
        // one person may satisfy several requirements, so the largest shortfall is the fewest approvals still needed
        int remaining = requirements.stream().mapToInt(r -> Math.max(0, r.needed() - r.approvedBy().size())).max()
                .orElse(0);
        return new Evaluation(requirements, remaining, outcome.blocks(), outcome.applyManually(), outcome, bans,
                digest, versions);
    }

    /** An approval counts when it was given in the current round on the current content. */
    static boolean counts(StoredReview review, StoredRequest request, String digest) {
        return StoredReview.APPROVED.equals(review.verdict()) && review.round() == request.round()
                && RequestDigest.sameContent(review.digest(), digest);
    }

    /** Why a user may not approve, or empty when they may. */
    Optional<Refusal> refusal(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings,
            Evaluation evaluation, String userId) {
        return refusal(tx, request, items, settings, evaluation.bans(), userId);
    }

    private Optional<Refusal> refusal(Tx tx, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings, Bans bans, String userId) {
        Optional<Refusal> ban = bans.refusal(userId);
        if (ban.isPresent()) {
            return ban;
        }
        Optional<String> roleName = tx.members().role(request.workspaceId(), userId);
        Optional<Role> role = roleName.flatMap(name -> access.findRole(tx, request.workspaceId(), name));
        if (role.isEmpty()) {
            return Optional.of(new Refusal("not_eligible", "Only members may approve"));
        }
        return roleRefusal(request, items, settings, userId, roleName.get(), role.get());
    }

    /** Why the caller may not approve, or empty when they may; their role is at hand, so nothing is looked up. */
    Optional<Refusal> refusal(WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings, Evaluation evaluation) {
        String userId = ws.actor().userId();
        Optional<Refusal> ban = evaluation.bans().refusal(userId);
        if (ban.isPresent()) {
            return ban;
        }
        if (!ws.member()) {
            return Optional.of(new Refusal("not_eligible", "Only members may approve"));
        }
        return roleRefusal(request, items, settings, userId, ws.role().name(), ws.role());
    }

    /** Every member who may approve the request now, in member order; each role is looked up once. */
    List<String> eligibleApprovers(Tx tx, StoredRequest request, List<StoredResource> items, WorkspaceSettings settings,
            Evaluation evaluation) {
        Map<String, Optional<Role>> roles = new HashMap<>();
        List<String> eligible = new ArrayList<>();
        String after = null;
        List<Member> members;
        do {
            members = tx.members().list(request.workspaceId(), after, MEMBER_BATCH);
            for (Member member : members) {
                Optional<Role> role = roles.computeIfAbsent(member.role(),
                        name -> access.findRole(tx, request.workspaceId(), name));
                if (evaluation.bans().refusal(member.userId()).isEmpty()
                        && role.isPresent()
                        && roleRefusal(request, items, settings, member.userId(), member.role(), role.get()).isEmpty()) {
                    eligible.add(member.userId());
                }
                after = member.userId();
            }
        } while (members.size() == MEMBER_BATCH);
        return eligible;
    }

    /**
     * Nobody approves content they wrote (docs/domain.md#approval-requests): unless {@code allowSelfApproval} is on,
     * neither the author nor anyone who contributed to a draft of the request; rules can keep either ban where it is
     * on.
     */
    record Bans(String author, Set<String> contributors, boolean authorBanned, boolean contributorsBanned) {

        Bans(String author, Set<String> contributors, WorkspaceSettings settings, RulesGate.Outcome outcome,
                boolean strict) {
            this(author, contributors, strict || !settings.allowSelfApproval() || outcome.forbidSelfApproval(),
                    strict || !settings.allowSelfApproval() || outcome.forbidContributorApproval());
        }

        Optional<Refusal> refusal(String userId) {
            if (authorBanned && userId.equals(author)) {
                return Optional.of(new Refusal("self_approval_forbidden",
                        "Authors cannot approve their own requests here"));
            }
            if (contributorsBanned && contributors.contains(userId)) {
                return Optional.of(new Refusal("self_approval_forbidden",
                        "You edited a draft in this request: nobody approves content they wrote"));
            }
            return Optional.empty();
        }
    }

    /** What the role and the promotion workflow say about this approver. */
    private static Optional<Refusal> roleRefusal(StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings, String userId, String roleName, Role role) {
        WorkspaceSettings.Promotion promotion = settings.promotion();
        if (RequestKind.PROMOTE.equals(request.kind()) && promotion.enabled()) {
            // the Environment Promotion workflow names who reviews promotions: roles, and optionally assignees
            if (!promotion.reviewerRoles().isEmpty() && !promotion.reviewerRoles().contains(roleName)) {
                return Optional.of(new Refusal("not_eligible", "Promotions are reviewed by " + promotion.reviewerRoles()));
            }
            if (!promotion.assignees().isEmpty() && !promotion.assignees().contains(userId)) {
                return Optional.of(new Refusal("not_eligible", "Only the assigned reviewers may respond to promotions"));
            }
        }
        for (StoredResource item : items) {
            Map<String, String> labels = ContentJson.labels(item.labelsJson());
            if (!PermissionEvaluator.check(role, Actions.APPROVE, item.type(), labels).grant().permits()) {
                return Optional.of(new Refusal("not_eligible",
                        "Your role '" + role.name() + "' may not approve " + item.type() + " " + item.name()));
            }
        }
        return Optional.empty();
    }

    private static Requirement requirement(String description, int needed, Set<String> approvedBy) {
        return new Requirement(description, needed, List.copyOf(approvedBy), approvedBy.size() >= needed);
    }

    /** Everyone who edited a draft of the request. */
    private static Set<String> contributors(Tx tx, List<StoredRequestItem> rows) {
        Set<String> contributors = new LinkedHashSet<>();
        for (StoredRequestItem item : rows) {
            tx.drafts().get(item.resourceId()).map(StoredDraft::contributorsJson).map(ContentJson::strings)
                    .ifPresent(contributors::addAll);
        }
        return contributors;
    }

    /** The request as the rules see it: each item's content as it would go live, and the paths it changes. */
    static RulesGate.Change change(Tx tx, StoredRequest request, List<StoredResource> items,
            List<StoredRequestItem> rows) {
        List<RulesGate.Item> facts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            StoredResource resource = items.get(i);
            if (RequestKind.PROMOTE.equals(request.kind())) {
                facts.add(promotion(tx, request, resource, rows.get(i)));
                continue;
            }
            Optional<StoredDraft> draft = tx.drafts().get(resource.id());
            ResourceContent live = ResourceRows.latestContent(tx, resource.id()).orElse(null);
            ResourceContent after = RequestKind.DELETE.equals(request.kind()) ? null
                    : draft.map(d -> ContentJson.content(d.contentJson())).orElse(live);
            ResourceContent before = draft.isPresent() && draft.get().baseRevision() == null ? null : live;
            ResourceContent shown = after != null ? after : before;
            List<String> paths = ContentDiffer.diff(before, after, List.of()).paths();
            facts.add(new RulesGate.Item(resource.id(), resource.type(), shown == null ? resource.name() : shown.name(),
                    shown == null ? Map.of() : shown.labels(), shown == null ? List.of() : shown.owners(),
                    shown == null ? Map.of() : shown.config(), paths));
        }
        return new RulesGate.Change(request.kind().wire(), request.targetEnvironment(), request.sourceEnvironment(),
                facts, request.author());
    }

    /** A promotion as the rules see it: the revision going to the target against what the target has now. */
    private static RulesGate.Item promotion(Tx tx, StoredRequest request, StoredResource resource,
            StoredRequestItem row) {
        ResourceContent promoted = revision(tx, resource.id(), row.revision());
        ResourceContent current = tx.resources().publications(List.of(resource.id())).stream()
                .filter(p -> p.environment().equals(request.targetEnvironment())).findFirst()
                .map(p -> revision(tx, resource.id(), p.revision())).orElse(null);
        List<String> paths = ContentDiffer.diff(current, promoted, List.of()).paths();
        return new RulesGate.Item(resource.id(), resource.type(), promoted.name(), promoted.labels(), promoted.owners(),
                promoted.config(), paths);
    }

    static ResourceContent revision(Tx tx, String resourceId, int number) {
        return tx.revisions().get(resourceId, number).map(r -> ContentJson.content(r.contentJson())).orElseThrow();
    }
}
