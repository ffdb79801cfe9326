package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.access.Actions;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.User;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.ResourceRows;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;

/**
 * Opening a request: checks the change set (drafts not already under review, permissions, reviewers who could
 * approve it), takes the drafts into the request and records it. Used by {@code POST requests}, by creating a
 * resource with {@code mode: submit} and by governed rules changes.
 */
public final class Submissions {

    private final RequestHistory history;
    private final ResourceTypes types;
    private final RequestEvaluator evaluator;

    public Submissions(AuditLog audit, ResourceTypes types, RequestEvaluator evaluator) {
        this.history = new RequestHistory(audit);
        this.types = types;
        this.evaluator = evaluator;
    }

    public StoredRequest submit(Tx tx, WorkspaceAccess ws, NewRequest request) {
        return submitEvaluated(tx, ws, request).request();
    }

    /**
     * A request as submitted, with what the submission worked out on the way and what still holds: its items, its
     * evaluation and who may approve it.
     */
    record Submitted(StoredRequest request, List<StoredResource> items, RequestEvaluator.Evaluation evaluation,
            List<String> eligibleApprovers) {
    }

    /**
     * A submission decided but not written: the request as it will be stored (but for its number, given when it is
     * written), its items, who reviews it, and its evaluation.
     */
    record Decided(StoredRequest request, List<StoredRequestItem> items, List<StoredResource> resources,
            List<String> resourceIds, List<String> reviewers, RequestEvaluator.Evaluation evaluation,
            List<String> eligibleApprovers) {
    }

    /** What a submission rests on: the workspace's configuration and each item's resource, draft and publications. */
    record Basis(long configVersion, List<StoredResource> resources, List<Optional<StoredDraft>> drafts,
            List<List<StoredPublication>> publications, List<Integer> latestRevisions) {

        static Basis read(Tx tx, WorkspaceAccess ws, List<String> resourceIds) {
            return new Basis(tx.workspaces().configVersion(ws.workspaceId()),
                    tx.resources().byIdsWithDeleted(ws.workspaceId(), resourceIds),
                    resourceIds.stream().map(id -> tx.drafts().get(id)).toList(),
                    resourceIds.stream().map(id -> tx.resources().publications(List.of(id))).toList(),
                    resourceIds.stream().map(id -> tx.revisions().latest(id)).toList());
        }
    }

    Submitted submitEvaluated(Tx tx, WorkspaceAccess ws, NewRequest request) {
        return write(tx, ws, decide(tx, ws, request));
    }

    /** Checks a submission and evaluates the request it would open; writes nothing. */
    Decided decide(Tx tx, WorkspaceAccess ws, NewRequest request) {
        RequestKind kind = request.kind() == null ? RequestKind.PUBLISH : RequestKind.find(request.kind())
                .orElseThrow(() -> invalid("/kind", "must be \"publish\", \"promote\" or \"delete\""));
        WorkspaceSettings settings = SettingsCodec.read(ws.workspace().settingsJson());
        List<String> ids = request.resources() == null ? List.of() : request.resources();
        check(kind, ids, request, settings);
        Environments envs = Environments.of(kind, request, settings);
        String id = Ids.next("apr");
        List<StoredRequestItem> items = new ArrayList<>();
        List<StoredResource> resources = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            StoredResource resource = ResourceRows.readable(tx, ws, ids.get(i));
            resources.add(resource);
            items.add(item(tx, ws, kind, id, i, resource, envs));
        }
        List<String> requested = reviewers(tx, ws, request.reviewers());
        Set<String> reviewers = new LinkedHashSet<>(requested);
        reviewers.addAll(naturalReviewers(tx, ws, resources));
        String comment = Comments.optional(request.comment());
        StoredRequest unnumbered = new StoredRequest(id, ws.workspaceId(), 0, kind, RequestState.OPEN,
                ws.actor().userId(), ContentJson.write(List.copyOf(reviewers)), comment, envs.source(), envs.target(), 1,
                false, "[]", Times.now(),
                Times.now());
        RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, unnumbered, resources, items, settings);
        requireAbleToApprove(tx, unnumbered, resources, settings, evaluation, requested);
        // rules may name reviewers of their own (`reviewers users(...)`)
        reviewers.addAll(evaluation.rules().reviewers());
        List<String> eligible = evaluator.eligibleApprovers(tx, unnumbered, resources, settings, evaluation);
        return new Decided(unnumbered, List.copyOf(items), List.copyOf(resources), List.copyOf(ids),
                List.copyOf(reviewers), evaluation, eligible);
    }

    /** Numbers and stores the request decided on, takes its drafts into it and records it. */
    Submitted write(Tx tx, WorkspaceAccess ws, Decided decided) {
        StoredRequest d = decided.request();
        StoredRequest stored = new StoredRequest(d.id(), d.workspaceId(), tx.requests().nextNumber(ws.workspaceId()),
                d.kind(), d.state(), d.author(), ContentJson.write(decided.reviewers()), d.comment(),
                d.sourceEnvironment(), d.targetEnvironment(), d.round(), d.applyManually(), d.blockedByJson(),
                d.createdAt(), d.updatedAt());
        tx.requests().insert(stored, decided.items());
        if (RequestKind.PUBLISH.equals(stored.kind())) {
            // the drafts are now this request's: edits start new rounds, other requests cannot take them
            for (StoredRequestItem item : decided.items()) {
                tx.drafts().get(item.resourceId())
                        .ifPresent(draft -> tx.drafts().put(RequestServiceImpl.withRequest(draft, stored.id())));
            }
        }
        history.record(tx, ws, new RequestHistory.Submitted(stored, decided.resourceIds(), decided.reviewers(),
                decided.eligibleApprovers()));
        return new Submitted(stored, decided.resources(), decided.evaluation(), decided.eligibleApprovers());
    }

    private static void check(RequestKind kind, List<String> ids, NewRequest request, WorkspaceSettings settings) {
        if (ids.isEmpty()) {
            throw invalid("/resources", "must name at least one resource");
        }
        if (new HashSet<>(ids).size() != ids.size()) {
            throw invalid("/resources", "must not repeat a resource");
        }
        String target = request.targetEnvironment();
        if (target != null && !settings.environments().contains(target)) {
            throw invalid("/targetEnvironment", "is not one of " + settings.environments());
        }
        if (RequestKind.PUBLISH.equals(kind) && target != null && !target.equals(settings.firstEnvironment())) {
            throw invalid("/targetEnvironment", "publishing goes to the first environment, " + settings.firstEnvironment());
        }
        if (request.sourceEnvironment() != null && !RequestKind.PROMOTE.equals(kind)) {
            throw invalid("/sourceEnvironment", "applies to promotions only");
        }
    }

    /** Where a request takes its items from and to. */
    record Environments(String source, String target) {

        static Environments of(RequestKind kind, NewRequest request, WorkspaceSettings settings) {
            List<String> path = settings.environments();
            if (RequestKind.PUBLISH.equals(kind)) {
                return new Environments(null, settings.firstEnvironment());
            }
            if (RequestKind.DELETE.equals(kind)) {
                return new Environments(null, request.targetEnvironment());
            }
            String source = request.sourceEnvironment() != null ? request.sourceEnvironment()
                    : request.targetEnvironment() != null && path.indexOf(request.targetEnvironment()) > 0
                            ? path.get(path.indexOf(request.targetEnvironment()) - 1) : settings.firstEnvironment();
            int from = path.indexOf(source);
            if (from < 0) {
                throw invalid("/sourceEnvironment", "is not one of " + path);
            }
            if (from == path.size() - 1) {
                throw invalid("/sourceEnvironment", source + " is the last environment; there is nowhere to promote to");
            }
            String next = path.get(from + 1);
            if (request.targetEnvironment() != null && !request.targetEnvironment().equals(next)) {
                throw invalid("/targetEnvironment", "promotion goes from " + source + " to the next environment, " + next);
            }
            return new Environments(source, next);
        }
    }

    private StoredRequestItem item(Tx tx, WorkspaceAccess ws, RequestKind kind, String requestId, int position,
            StoredResource resource, Environments envs) {
        String resourceId = resource.id();
        ResourceRows.installed(types, resource);
        Map<String, String> labels = ContentJson.labels(resource.labelsJson());
        if (RequestKind.PROMOTE.equals(kind)) {
            ws.require(Actions.READ, resource.type(), labels);
            int revision = tx.resources().publications(List.of(resourceId)).stream()
                    .filter(p -> p.environment().equals(envs.source())).map(p -> p.revision()).findFirst()
                    .orElseThrow(() -> new ConflictException("invalid_state",
                            resource.name() + " is not published in " + envs.source()));
            return new StoredRequestItem(requestId, position, resourceId, null, revision);
        }
        StoredDraft draft = tx.drafts().get(resourceId).orElse(null);
        if (draft != null && draft.requestId() != null) {
            throw new ConflictException("draft_in_request",
                    resource.name() + " is already in request " + draft.requestId());
        }
        if (RequestKind.DELETE.equals(kind)) {
            ws.require(Actions.DELETE, resource.type(), labels);
            if (resource.state() == ResourceState.DRAFT) {
                throw new ConflictException("invalid_state", resource.name() + " was never published");
            }
            return new StoredRequestItem(requestId, position, resourceId, null, null);
        }
        if (draft == null) {
            throw new ConflictException("invalid_state", resource.name() + " has no draft to publish");
        }
        ws.require(draft.baseRevision() == null ? Actions.CREATE : Actions.UPDATE, resource.type(), labels);
        return new StoredRequestItem(requestId, position, resourceId, draft.version(), null);
    }

    /** Owners of what the items reference, for types that are reviewed by them (a policy by its sources' owners). */
    private Set<String> naturalReviewers(Tx tx, WorkspaceAccess ws, List<StoredResource> items) {
        Set<String> owners = new LinkedHashSet<>();
        for (StoredResource item : items) {
            ResourceType type = ResourceRows.installed(types, item);
            if (!type.referencedOwnersReview()) {
                continue;
            }
            var draft = tx.drafts().get(item.id());
            var content = draft.isPresent() ? ContentJson.content(draft.get().contentJson())
                    : ResourceRows.latestContent(tx, item.id()).orElse(null);
            if (content == null) {
                continue;
            }
            List<String> referenced = type.references(content.config()).stream().map(Reference::resourceId).toList();
            tx.resources().byIds(ws.workspaceId(), referenced)
                    .forEach(r -> owners.addAll(ContentJson.strings(r.ownersJson())));
        }
        owners.remove(ws.actor().userId());
        return owners;
    }

    /** The requested reviewers as user ids, in the order given: each named by id or email, each a member. */
    private static List<String> reviewers(Tx tx, WorkspaceAccess ws, List<String> requested) {
        if (requested == null) {
            return List.of();
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String named = requested.get(i);
            Optional<String> id = named == null ? Optional.empty()
                    : (named.contains("@") ? tx.users().byEmail(named) : tx.users().byId(named)).map(User::id)
                            .filter(user -> tx.members().role(ws.workspaceId(), user).isPresent());
            if (id.isEmpty()) {
                errors.add(new FieldError("/reviewers/" + i, "is not a member of this workspace"));
            } else {
                ids.add(id.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "Reviewers must be members of the workspace", errors);
        }
        return ids;
    }

    /** Asking someone to review who could not approve the request helps nobody: refused at their position. */
    private void requireAbleToApprove(Tx tx, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings, RequestEvaluator.Evaluation evaluation, List<String> reviewers) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < reviewers.size(); i++) {
            String path = "/reviewers/" + i;
            evaluator.refusal(tx, request, items, settings, evaluation, reviewers.get(i)).ifPresent(refusal ->
                    errors.add(new FieldError(path, "cannot approve this request: " + refusal.reason())));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "Requested reviewers must be able to approve the request",
                    errors);
        }
    }

    private static BadRequestException invalid(String path, String message) {
        return new BadRequestException("validation_failed", "The request is invalid: " + path + " " + message,
                List.of(new FieldError(path, message)));
    }
}
