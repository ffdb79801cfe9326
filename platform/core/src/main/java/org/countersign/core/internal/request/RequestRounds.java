package org.countersign.core.internal.request;

import java.util.List;
import org.countersign.api.approval.RequestState;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Times;

/**
 * Editing a draft that is under review starts a new round (docs/domain.md#approval-requests): the item carries the new
 * version, every earlier approval stops counting, the request is open again and earlier approvers hear of it.
 */
public final class RequestRounds {

    private RequestRounds() {
    }

    public static void draftEdited(Tx tx, WorkspaceAccess ws, AuditLog audit, String requestId, String resourceId, int version) {
        StoredRequest request = tx.requests().byId(ws.workspaceId(), requestId).orElseThrow();
        if (request.state().terminal()) {
            return;
        }
        for (StoredRequestItem item : tx.requests().items(requestId)) {
            if (item.resourceId().equals(resourceId)) {
                tx.requests().updateItem(new StoredRequestItem(requestId, item.position(), resourceId, version,
                        item.revision()));
            }
        }
        StoredRequest reopened = request.withState(RequestState.OPEN, request.round() + 1, "[]", Times.now());
        tx.requests().update(reopened);
        List<String> earlierApprovers = tx.requests().reviews(requestId).stream()
                .filter(r -> StoredReview.APPROVED.equals(r.verdict())).map(r -> r.userId()).distinct().toList();
        new RequestHistory(audit).record(tx, ws, new RequestHistory.DraftUpdated(request.state().wire(), reopened,
                resourceId, version, earlierApprovers));
    }
}
