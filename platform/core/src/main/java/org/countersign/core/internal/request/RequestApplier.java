package org.countersign.core.internal.request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ResourceRows;

/**
 * Applying a request: publishing, promoting or deleting every item at once, inside the caller's transaction, so
 * that any failure rolls the whole change set back. Only called once the decision to apply was made.
 */
final class RequestApplier {

    private final Publisher publisher;
    private final RequestHistory history;
    private final ResourceTypes types;

    RequestApplier(Publisher publisher, RequestHistory history, ResourceTypes types) {
        this.publisher = publisher;
        this.history = history;
        this.types = types;
    }

    /**
     * Without the Environment Promotion workflow (and without rules asking for approval), a promotion is direct
     * for those who may update the resources: the request is applied at once and kept as the record.
     */
    StoredRequest promoteDirectlyIfAllowed(Tx tx, WorkspaceAccess ws, WorkspaceSettings settings,
            Submissions.Submitted submitted) {
        StoredRequest request = submitted.request();
        List<StoredResource> items = submitted.items();
        RequestEvaluator.Evaluation evaluation = submitted.evaluation();
        if (settings.promotion().enabled() || evaluation.rules().requireApproval()
                || !evaluation.blockedBy().isEmpty() || !RequestActions.mayChangeDirectly(ws, items)) {
            return request;
        }
        return apply(tx, ws, request, items, settings);
    }

    /** Publishes, promotes or deletes every item, then moves the request to {@code applied}. */
    StoredRequest apply(Tx tx, WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings) {
        List<StoredRequestItem> rows = tx.requests().items(request.id());
        Set<String> together = rows.stream().map(StoredRequestItem::resourceId).collect(Collectors.toSet());
        Map<String, StoredResource> byId = items.stream()
                .collect(Collectors.toMap(StoredResource::id, Function.identity()));
        for (StoredRequestItem row : rows) {
            StoredResource resource = byId.get(row.resourceId());
            ResourceType type = ResourceRows.installed(types, resource);
            if (request.kind() == RequestKind.PROMOTE) {
                publisher.promote(tx, ws, resource, row.revision(), request.sourceEnvironment(),
                        request.targetEnvironment(), request.id());
            } else if (request.kind() == RequestKind.DELETE) {
                List<String> envs = request.targetEnvironment() == null ? settings.environments()
                        : List.of(request.targetEnvironment());
                publisher.unpublish(tx, ws, resource, envs, request.id());
            } else {
                StoredDraft draft = tx.drafts().get(resource.id()).orElseThrow();
                publisher.publishDraft(tx, ws, type, resource, draft, settings.firstEnvironment(), request.comment(),
                        request.id(), together);
            }
        }
        return history.move(tx, ws, request, RequestState.APPLIED, request.round(), List.of(), null);
    }
}
