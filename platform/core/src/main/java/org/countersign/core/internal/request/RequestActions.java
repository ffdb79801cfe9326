package org.countersign.core.internal.request;

import static org.countersign.api.approval.RequestState.APPROVED;
import static org.countersign.api.approval.RequestState.CHANGES_REQUESTED;
import static org.countersign.api.approval.RequestState.OPEN;

import java.util.ArrayList;
import java.util.List;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Grant;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;

/**
 * Who may do what to a request, in one place: the actions check it before they act, and views list what the
 * caller may do, so a console shows exactly the buttons the server would accept.
 */
final class RequestActions {

    private RequestActions() {
    }

    /** Withdrawing and discarding need the author, or someone whose role may approve every item. */
    static boolean authorOrApprover(WorkspaceAccess ws, StoredRequest request, List<StoredResource> items) {
        return ws.actor().userId().equals(request.author()) || items.stream().allMatch(item -> ws.check(Actions.APPROVE,
                item.type(), ContentJson.labels(item.labelsJson())).grant().permits());
    }

    /** Whether the actor may update every item outright, not only through drafts that need approval. */
    static boolean mayChangeDirectly(WorkspaceAccess ws, List<StoredResource> items) {
        return items.stream().allMatch(item -> ws.check(Actions.UPDATE, item.type(),
                ContentJson.labels(item.labelsJson())).grant() == Grant.ALLOWED);
    }

    /** An approved request is applied by its requester, or by someone who could make every change directly. */
    static boolean mayApply(WorkspaceAccess ws, StoredRequest request, List<StoredResource> items) {
        return ws.actor().userId().equals(request.author()) || mayChangeDirectly(ws, items);
    }

    /** What the caller may do to the request now. */
    static List<String> allowed(WorkspaceAccess ws, RequestEvaluator evaluator, StoredRequest request,
            List<StoredResource> items, WorkspaceSettings settings, RequestEvaluator.Evaluation evaluation) {
        String me = ws.actor().userId();
        RequestState state = request.state();
        List<String> allowed = new ArrayList<>();
        if (OPEN.equals(state) && evaluator.refusal(ws, request, items, settings, evaluation).isEmpty()) {
            boolean counted = evaluation.requirements().stream().anyMatch(r -> r.approvedBy().contains(me));
            if (!counted) {
                allowed.add(ApprovalRequest.ACT_APPROVE);
            }
            allowed.add(ApprovalRequest.ACT_DECLINE);
            allowed.add(ApprovalRequest.ACT_REQUEST_CHANGES);
        }
        boolean live = List.of(OPEN, CHANGES_REQUESTED, APPROVED).contains(state);
        if (live && authorOrApprover(ws, request, items)) {
            allowed.add(ApprovalRequest.ACT_WITHDRAW);
            if (!APPROVED.equals(state) && RequestKind.PUBLISH.equals(request.kind())) {
                allowed.add(ApprovalRequest.ACT_DISCARD);
            }
        }
        if (APPROVED.equals(state) && evaluation.satisfied() && evaluation.blockedBy().isEmpty()
                && mayApply(ws, request, items)) {
            allowed.add(ApprovalRequest.ACT_APPLY);
        }
        allowed.add(ApprovalRequest.ACT_COMMENT);
        return allowed;
    }
}
