package org.countersign.core.internal.request;

import java.util.List;
import java.util.Optional;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.storage.StaleDecisionException;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;

/**
 * Everything a decision on a request rests on: the request, its items and their resources, drafts and published
 * revisions, its reviews, and the workspace's configuration (settings, members, roles, rules; one version number).
 * An action decides on a snapshot and writes only if the basis read again under the writers' turn is equal, so
 * a change that landed in between is never written over: the action is decided again instead.
 */
record RequestBasis(long configVersion, StoredRequest request, List<StoredRequestItem> rows,
        List<StoredResource> items, List<StoredReview> reviews, List<Optional<StoredDraft>> drafts,
        List<Integer> latestRevisions) {

    /** Reads the basis of the request {@code requestId}; not found when the caller cannot see the request. */
    static RequestBasis read(Tx tx, WorkspaceAccess ws, String requestId) {
        StoredRequest request = tx.requests().byId(ws.workspaceId(), requestId)
                .orElseThrow(() -> new NotFoundException("No request " + requestId));
        List<StoredResource> items = ReadableItems.of(tx, ws, request);
        List<StoredRequestItem> rows = tx.requests().items(request.id());
        List<String> ids = rows.stream().map(StoredRequestItem::resourceId).toList();
        return new RequestBasis(tx.workspaces().configVersion(ws.workspaceId()), request, rows, items,
                tx.requests().reviews(request.id()), ids.stream().map(id -> tx.drafts().get(id)).toList(),
                ids.stream().map(id -> tx.revisions().latest(id)).toList());
    }

    /** Throws {@link StaleDecisionException} unless the basis as stored now is this one. */
    void requireCurrent(Tx tx, WorkspaceAccess ws) {
        if (!equals(read(tx, ws, request.id()))) {
            throw new StaleDecisionException("Request " + request.id());
        }
    }
}
