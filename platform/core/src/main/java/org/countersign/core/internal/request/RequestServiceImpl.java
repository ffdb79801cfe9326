package org.countersign.core.internal.request;

import static org.countersign.api.approval.RequestState.APPLIED;
import static org.countersign.api.approval.RequestState.APPROVED;
import static org.countersign.api.approval.RequestState.CHANGES_REQUESTED;
import static org.countersign.api.approval.RequestState.DECLINED;
import static org.countersign.api.approval.RequestState.DISCARDED;
import static org.countersign.api.approval.RequestState.OPEN;
import static org.countersign.api.approval.RequestState.WITHDRAWN;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestFilter;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestService;
import org.countersign.api.approval.RequestState;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.error.StaleVersionException;
import org.countersign.api.identity.Actor;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentDiffer;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.ResourceRows;
import org.countersign.core.internal.resource.ResourceViews;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.support.Paging;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The approval state machine (docs/domain.md#approval-requests): each action checks the request's state and the
 * caller, then moves it on. Each runs in one write transaction that re-reads the request, so concurrent approvals
 * serialise and a request is applied exactly once. Lists and the pending tab are {@link ReviewerInbox}'s, applying
 * is {@link RequestApplier}'s, and what happened is recorded by {@link RequestHistory}.
 */
@Component(service = RequestService.class)
public class RequestServiceImpl implements RequestService {

    private static final TypeReference<Map<String, Integer>> VERSIONS = new TypeReference<>() {
    };

    private final Store store;
    private final AccessControl access;
    private final ResourceTypes types;
    private final RequestEvaluator evaluator;
    private final Submissions submissions;
    private final RequestHistory history;
    private final RequestApplier applier;
    private final ReviewerInbox inbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Telemetry telemetry;

    @Activate
    public RequestServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference ResourceTypes types, @Reference RulesGate rules) {
        this.store = store;
        this.access = access;
        this.types = types;
        this.history = new RequestHistory(audit);
        this.applier = new RequestApplier(new Publisher(audit), history, types);
        this.evaluator = new RequestEvaluator(access, rules);
        this.submissions = new Submissions(audit, types, evaluator);
        this.inbox = new ReviewerInbox(evaluator, types);
    }

    @Override
    public ApprovalRequest submit(Actor actor, String slug, NewRequest request) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            Submissions.Submitted submitted = submissions.submitEvaluated(tx, ws, request);
            StoredRequest stored = submitted.request();
            if (RequestKind.PROMOTE.equals(stored.kind())) {
                StoredRequest promoted = applier.promoteDirectlyIfAllowed(tx, ws, settings(ws), submitted);
                if (promoted != stored) {
                    return view(tx, ws, promoted);
                }
            }
            return view(tx, ws, stored, submitted.items(), submitted.evaluation(), submitted.eligibleApprovers());
        });
    }

    @Override
    public Page<ApprovalRequest> list(Actor actor, String slug, RequestFilter filter, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        // the pending tab and "mine" depend on who asks: their cursors are the caller's own
        String list = "requests:" + slug + ":" + filter + ":" + actor.userId();
        String before = Paging.decode(list, cursor);
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            Page<ApprovalRequest> page = Paging.page(list, inbox.scan(tx, ws, filter, before, size), size,
                    ApprovalRequest::id);
            return new Page<>(RequestViews.named(tx, page.items()), page.next());
        });
    }

    @Override
    public ApprovalRequest get(Actor actor, String slug, String requestId) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            return view(tx, ws, find(tx, ws, requestId));
        });
    }

    @Override
    public List<ApprovalRequest.ItemChange> sinceMyReview(Actor actor, String slug, String requestId) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredRequest request = find(tx, ws, requestId);
            List<StoredResource> items = ReadableItems.of(tx, ws, request);
            Optional<StoredReview> mine = tx.requests().reviews(request.id()).stream()
                    .filter(r -> r.userId().equals(actor.userId()) && r.draftVersionsJson() != null)
                    .reduce((first, second) -> second);
            if (mine.isEmpty()) {
                return List.of();
            }
            Map<String, Integer> seen = JsonText.read(mine.get().draftVersionsJson(), VERSIONS);
            List<ApprovalRequest.ItemChange> changes = new ArrayList<>();
            for (StoredResource item : items) {
                Integer from = seen.get(item.id());
                Optional<StoredDraft> draft = tx.drafts().get(item.id()).filter(d -> request.id().equals(d.requestId()));
                if (from == null || draft.isEmpty() || draft.get().version() == from) {
                    continue;
                }
                Optional<ResourceType> type = types.find(item.type());
                ResourceContent before = tx.drafts().versionContent(item.id(), from).map(ContentJson::content)
                        .orElse(null);
                ResourceContent now = ContentJson.content(draft.get().contentJson());
                changes.add(new ApprovalRequest.ItemChange(item.id(), now.name(), from, draft.get().version(),
                        ContentDiffer.diff(before == null ? null : ResourceViews.redact(before, type),
                                ResourceViews.redact(now, type), type.map(ResourceType::textDiffPaths).orElse(List.of()))));
            }
            return changes;
        });
    }

    @Override
    public ApprovalRequest approve(Actor actor, String slug, String requestId, String comment, String expectedDigest) {
        return reportApproval(act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "approve", OPEN);
            RequestEvaluator.Evaluation before = evaluator.evaluate(tx, ws, request, items, settings);
            requireDigest(before, expectedDigest);
            evaluator.refusal(ws, request, items, settings, before).ifPresent(refusal -> {
                throw new ForbiddenException(refusal.code(), refusal.reason());
            });
            boolean alreadyApproved = tx.requests().reviews(request.id()).stream().anyMatch(r ->
                    r.userId().equals(actor.userId()) && RequestEvaluator.counts(r, request, before.digest()));
            if (alreadyApproved) {
                return new Stepped(request, before);
            }
            // the approval is bound to the content it was given on: an edit after it makes it stale
            tx.requests().addReview(new StoredReview(request.id(), actor.userId(), StoredReview.APPROVED,
                    Comments.optional(comment), Times.now(), request.round(), before.digest(),
                    ContentJson.write(before.draftVersions())));
            RequestEvaluator.Evaluation evaluation = evaluator.recount(tx, request, items, settings, before);
            history.record(tx, ws, new RequestHistory.Approved(request, comment, evaluation.satisfied()));
            if (!evaluation.satisfied()) {
                return new Stepped(request, evaluation);
            }
            // the last approval: one notification, of the outcome (request.ready or request.applied)
            if (evaluation.applyManually() || !evaluation.blockedBy().isEmpty()
                    || RequestKind.PROMOTE.equals(request.kind())) {
                // same round, same content: the evaluation still describes the request
                return new Stepped(history.move(tx, ws, request, APPROVED, request.round(), evaluation.blockedBy(), null),
                        evaluation);
            }
            return Stepped.of(applier.apply(tx, ws, request, items, settings));
        }));
    }

    @Override
    public ApprovalRequest decline(Actor actor, String slug, String requestId, String comment) {
        return act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "decline", OPEN);
            RequestEvaluator.Evaluation seen = requireReviewer(tx, ws, request, items, settings);
            tx.requests().addReview(new StoredReview(request.id(), actor.userId(), StoredReview.DECLINED,
                    Comments.optional(comment), Times.now(), request.round(), seen.digest(),
                    ContentJson.write(seen.draftVersions())));
            releaseDrafts(tx, request);
            return Stepped.of(history.move(tx, ws, request, DECLINED, request.round(), List.of(), comment));
        });
    }

    @Override
    public ApprovalRequest requestChanges(Actor actor, String slug, String requestId, String comment) {
        String required = Comments.required(comment);
        return act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "request changes on", OPEN);
            RequestEvaluator.Evaluation seen = requireReviewer(tx, ws, request, items, settings);
            tx.requests().addReview(new StoredReview(request.id(), actor.userId(), StoredReview.CHANGES_REQUESTED,
                    required, Times.now(), request.round(), seen.digest(), ContentJson.write(seen.draftVersions())));
            // approvals given so far stop counting, and approving is frozen until the author edits a draft
            return Stepped.of(history.move(tx, ws, request, CHANGES_REQUESTED, request.round() + 1, List.of(), required));
        });
    }

    @Override
    public ApprovalRequest withdraw(Actor actor, String slug, String requestId, String comment) {
        return act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "withdraw", OPEN, CHANGES_REQUESTED, APPROVED);
            requireAuthorOrApprover(ws, request, items, "withdraw");
            releaseDrafts(tx, request);
            return Stepped.of(history.move(tx, ws, request, WITHDRAWN, request.round(), List.of(), comment));
        });
    }

    @Override
    public ApprovalRequest discard(Actor actor, String slug, String requestId, String comment) {
        return act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "discard", OPEN, CHANGES_REQUESTED);
            requireAuthorOrApprover(ws, request, items, "discard");
            if (!RequestKind.PUBLISH.equals(request.kind())) {
                // a promotion or deletion holds no drafts: deleting one would destroy work outside the request
                throw new ConflictException("invalid_state", "Only a request of drafts can be discarded; withdraw this "
                        + request.kind() + " request instead");
            }
            for (StoredResource item : items) {
                if (tx.drafts().get(item.id()).filter(d -> request.id().equals(d.requestId())).isEmpty()) {
                    continue;
                }
                tx.drafts().delete(item.id());
                if (tx.resources().publications(List.of(item.id())).isEmpty()) {
                    tx.resources().delete(item.id());
                } else {
                    tx.resources().update(ResourceRows.withState(item, ResourceState.PUBLISHED));
                }
            }
            return Stepped.of(history.move(tx, ws, request, DISCARDED, request.round(), List.of(), comment));
        });
    }

    @Override
    public ApprovalRequest apply(Actor actor, String slug, String requestId, String expectedDigest) {
        return reportApply(act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            requireState(request, "apply", APPROVED);
            RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, request, items, settings);
            requireDigest(evaluation, expectedDigest);
            if (!evaluation.satisfied()) {
                throw new ConflictException("invalid_state", "The request no longer has the approvals it needs");
            }
            if (!evaluation.blockedBy().isEmpty()) {
                throw new ConflictException("blocked", "The request is blocked: " + evaluation.blockedBy());
            }
            // the requester applies, or someone who could make every change directly (not only through drafts)
            if (!RequestActions.mayApply(ws, request, items)) {
                throw new ForbiddenException("forbidden",
                        "Only the requester or someone who may change every item directly may apply this request");
            }
            return Stepped.of(applier.apply(tx, ws, request, items, settings));
        }));
    }

    /**
     * Reports, once committed, an approval that moved the request on: approving leaves {@code open} only with the
     * last approval (and an approved request cannot be approved again), so each request is reported once.
     */
    private ApprovalRequest reportApproval(ApprovalRequest after) {
        if (APPROVED.wire().equals(after.state()) || APPLIED.wire().equals(after.state())) {
            metrics().requestApproved(after.kind(), sinceSubmitted(after));
        }
        return reportApply(after);
    }

    /** Reports, once committed, a request that went live. */
    private ApprovalRequest reportApply(ApprovalRequest after) {
        if (APPLIED.wire().equals(after.state())) {
            metrics().requestApplied(after.kind(), sinceSubmitted(after));
        }
        return after;
    }

    private Telemetry metrics() {
        Telemetry current = telemetry;
        return current == null ? Telemetry.NONE : current;
    }

    private static Duration sinceSubmitted(ApprovalRequest request) {
        return Duration.between(request.createdAt(), Times.now());
    }

    @Override
    public ApprovalRequest comment(Actor actor, String slug, String requestId, String body) {
        String text = Comments.required(body);
        return act(actor, slug, requestId, (tx, ws, request, items, settings) -> {
            history.record(tx, ws, new RequestHistory.Commented(request, text));
            return Stepped.of(request);
        });
    }

    /**
     * One action: the gate, the request, its items and settings, then the step; answers the fresh view, built on the
     * step's evaluation when it still describes the request (so an action evaluates the request once).
     */
    private ApprovalRequest act(Actor actor, String slug, String requestId, Step step) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredRequest request = find(tx, ws, requestId);
            List<StoredResource> items = ReadableItems.of(tx, ws, request);
            Stepped after = step.run(tx, ws, request, items, settings(ws));
            StoredRequest now = tx.requests().byId(ws.workspaceId(), after.request().id()).orElseThrow();
            return after.evaluation() == null ? view(tx, ws, now)
                    : view(tx, ws, now, items, after.evaluation(), null);
        });
    }

    @FunctionalInterface
    private interface Step {
        Stepped run(Tx tx, WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
                WorkspaceSettings settings);
    }

    /**
     * What a step leaves: the request, and its evaluation when the step changed nothing it depends on (the items,
     * their content, the round); null when the view must evaluate again.
     */
    private record Stepped(StoredRequest request, RequestEvaluator.Evaluation evaluation) {

        static Stepped of(StoredRequest request) {
            return new Stepped(request, null);
        }
    }

    /** Declining and asking for changes need someone who could approve; answers what they responded to. */
    private RequestEvaluator.Evaluation requireReviewer(Tx tx, WorkspaceAccess ws, StoredRequest request,
            List<StoredResource> items, WorkspaceSettings settings) {
        RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, request, items, settings);
        evaluator.refusal(ws, request, items, settings, evaluation).ifPresent(refusal -> {
            throw new ForbiddenException(refusal.code(), refusal.reason());
        });
        return evaluation;
    }

    private static void requireAuthorOrApprover(WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            String verb) {
        if (!RequestActions.authorOrApprover(ws, request, items)) {
            throw new ForbiddenException("forbidden",
                    "Only the author or someone who may approve every item may " + verb + " this request");
        }
    }

    /** {@code If-Match} on a request: the content must still be what the caller saw. */
    private static void requireDigest(RequestEvaluator.Evaluation evaluation, String expected) {
        if (expected != null && !expected.equals(evaluation.digest())) {
            throw new StaleVersionException("The request changed since you saw it: its content is now \""
                    + evaluation.digest() + "\"; review it again");
        }
    }

    private static void requireState(StoredRequest request, String verb, RequestState... allowed) {
        if (!List.of(allowed).contains(request.state())) {
            throw new ConflictException("invalid_state",
                    "Cannot " + verb + " a request that is " + request.state().wire().replace('_', ' '));
        }
    }

    private static StoredRequest find(Tx tx, WorkspaceAccess ws, String requestId) {
        return tx.requests().byId(ws.workspaceId(), requestId)
                .orElseThrow(() -> new NotFoundException("No request " + requestId));
    }

    private static void releaseDrafts(Tx tx, StoredRequest request) {
        for (StoredRequestItem item : tx.requests().items(request.id())) {
            tx.drafts().get(item.resourceId()).filter(d -> request.id().equals(d.requestId()))
                    .ifPresent(d -> tx.drafts().put(withRequest(d, null)));
        }
    }

    static StoredDraft withRequest(StoredDraft d, String requestId) {
        return new StoredDraft(d.resourceId(), d.version(), d.contentJson(), d.contributorsJson(), d.baseRevision(),
                d.updatedAt(), d.updatedBy(), requestId);
    }

    private ApprovalRequest view(Tx tx, WorkspaceAccess ws, StoredRequest request) {
        List<StoredResource> items = ReadableItems.of(tx, ws, request);
        return view(tx, ws, request, items, evaluator.evaluate(tx, ws, request, items, settings(ws)), null);
    }

    /** {@code knownEligible}: who may approve, when the caller worked it out already; null to work it out here. */
    private ApprovalRequest view(Tx tx, WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            RequestEvaluator.Evaluation evaluation, List<String> knownEligible) {
        WorkspaceSettings settings = settings(ws);
        List<String> eligible = !OPEN.equals(request.state()) ? List.of() : knownEligible != null ? knownEligible
                : evaluator.eligibleApprovers(tx, request, items, settings, evaluation);
        ApprovalRequest view = RequestViews.of(tx, slugOf(ws), request, items, evaluation, types,
                RequestActions.allowed(ws, evaluator, request, items, settings, evaluation), eligible);
        return RequestViews.named(tx, List.of(view)).get(0);
    }

    private static String slugOf(WorkspaceAccess ws) {
        return ws.workspace().workspace().slug();
    }

    private static WorkspaceSettings settings(WorkspaceAccess ws) {
        return SettingsCodec.read(ws.workspace().settingsJson());
    }
}
