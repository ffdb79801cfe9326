package org.countersign.core.internal.change;

import java.util.List;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Times;

/**
 * Editing a draft that is under review starts a new round (docs/domain.md#approval-requests): the item carries the new
 * version, every earlier approval stops counting, the request is open again and earlier approvers hear of it.
 */
final class RequestRounds {

    private RequestRounds() {
    }

    static void draftEdited(Tx tx, WorkspaceAccess ws, AuditLog audit, String requestId, String resourceId, int version) {
        StoredRequest request = tx.requests().byId(ws.workspaceId(), requestId).orElseThrow();
        if (ApprovalRequest.TERMINAL.contains(request.state())) {
            return;
        }
        for (StoredRequestItem item : tx.requests().items(requestId)) {
            if (item.resourceId().equals(resourceId)) {
                tx.requests().updateItem(new StoredRequestItem(requestId, item.position(), resourceId, version,
                        item.revision()));
            }
        }
        StoredRequest reopened = request.withState(ApprovalRequest.OPEN, request.round() + 1, "[]", Times.now());
        tx.requests().update(reopened);
        String actor = ws.actor().userId();
        tx.requests().addEvent(new StoredRequestEvent(requestId, Times.now(), actor, "draft_updated", null));
        audit.append(tx, ws.auditEntry("request.draft_updated", requestId,
                Details.of("resource", resourceId, "draftVersion", version, "from", request.state())));
        List<String> earlierApprovers = tx.requests().reviews(requestId).stream()
                .filter(r -> ApprovalRequest.APPROVED.equals(r.verdict())).map(r -> r.userId()).distinct().toList();
        Publisher.outbox(tx, ws, "request.draft_updated", Details.of("requestId", requestId, "number", request.number(),
                "resourceId", resourceId, "actor", actor, "author", request.author(), "earlierApprovers",
                earlierApprovers));
    }
}
