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

    Submitted submitEvaluated(Tx tx, WorkspaceAccess ws, NewRequest request) {
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
        StoredRequest stored = new StoredRequest(id, ws.workspaceId(), tx.requests().nextNumber(ws.workspaceId()), kind,
                RequestState.OPEN, ws.actor().userId(), ContentJson.write(List.copyOf(reviewers)), comment,
                envs.source(), envs.target(), 1, false, "[]", Times.now(), Times.now());
        tx.requests().insert(stored, items);
        RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, stored, resources, settings);
        requireAbleToApprove(tx, stored, resources, settings, evaluation, requested);
        // rules may name reviewers of their own (`reviewers users(...)`)
        if (reviewers.addAll(evaluation.rules().reviewers())) {
            stored = new StoredRequest(id, stored.workspaceId(), stored.number(), kind, stored.state(), stored.author(),
                    ContentJson.write(List.copyOf(reviewers)), comment, envs.source(), envs.target(), 1, false, "[]",
                    stored.createdAt(), stored.updatedAt());
            tx.requests().update(stored);
        }
        if (RequestKind.PUBLISH.equals(kind)) {
            // the drafts are now this request's: edits start new rounds, other requests cannot take them
            for (StoredRequestItem item : items) {
                tx.drafts().get(item.resourceId()).ifPresent(d -> tx.drafts().put(RequestServiceImpl.withRequest(d, id)));
            }
        }
        List<String> eligible = evaluator.eligibleApprovers(tx, stored, resources, settings, evaluation);
        history.record(tx, ws, new RequestHistory.Submitted(stored, ids, List.copyOf(reviewers), eligible));
        return new Submitted(stored, List.copyOf(resources), evaluation, eligible);
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
