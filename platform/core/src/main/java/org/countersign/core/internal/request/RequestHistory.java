package org.countersign.core.internal.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.countersign.api.approval.RequestState;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;

/**
 * Writes what happened to a request everywhere it is read: the request's timeline, the workspace's audit chain
 * ({@code request.<action>}) and the outbox that tells people ({@code request.<action>}). Each happening is one
 * record that knows all three of its faces, so no action can write one and forget another, and the three carry the
 * same action name. The caller's transaction holds them all: they commit with the state change or not at all.
 */
final class RequestHistory {

    private final AuditLog audit;

    RequestHistory(AuditLog audit) {
        this.audit = audit;
    }

    /** One thing that happened to a request, done by the workspace's caller. */
    sealed interface Happening {

        /** The request as it is after the happening. */
        StoredRequest request();

        /** The timeline's action, and the audit action and notice type after {@code request.}. */
        String action();

        /** What the timeline shows beside the action. */
        String comment();

        /** The audit event's details. */
        Map<String, Object> details();

        /** What the notice tells, or null when nobody is told of this happening. */
        Map<String, Object> notice(String actor);
    }

    /** A new request, to its reviewers, or when none were named to everyone who may approve it. */
    record Submitted(StoredRequest request, List<String> resources, List<String> reviewers, List<String> eligible)
            implements Happening {

        @Override
        public String action() {
            return "submitted";
        }

        @Override
        public String comment() {
            return request.comment();
        }

        @Override
        public Map<String, Object> details() {
            return Details.of("number", request.number(), "kind", request.kind().wire(), "resources", resources,
                    "reviewers", reviewers);
        }

        @Override
        public Map<String, Object> notice(String actor) {
            Map<String, Object> notice = standardNotice(request, actor, request.comment());
            notice.put("reviewers", reviewers);
            if (reviewers.isEmpty()) {
                // decided here rather than by evaluating the request again when the notice is fanned out
                notice.put(RequestAudience.ELIGIBLE, eligible);
            }
            return notice;
        }
    }

    /**
     * An approval. {@code last}: it completed the approvals, and the outcome that follows (ready or applied) is
     * the one notice, so that nobody hears of the request twice for one approval.
     */
    record Approved(StoredRequest request, String comment, boolean last) implements Happening {

        @Override
        public String action() {
            return "approved";
        }

        @Override
        public Map<String, Object> details() {
            return Details.of("comment", comment);
        }

        @Override
        public Map<String, Object> notice(String actor) {
            return last ? null : standardNotice(request, actor, comment);
        }
    }

    /** A comment on the request's conversation. */
    record Commented(StoredRequest request, String comment) implements Happening {

        @Override
        public String action() {
            return "commented";
        }

        @Override
        public Map<String, Object> details() {
            return Details.of("comment", comment);
        }

        @Override
        public Map<String, Object> notice(String actor) {
            return standardNotice(request, actor, comment);
        }
    }

    /** The request moved from one state to another. */
    record Moved(String from, StoredRequest request, String comment) implements Happening {

        /**
         * "approved" as a state means every approval is in and someone must apply it: told apart from the approvals
         * themselves ("ready"), so that two approvals never read as three.
         */
        @Override
        public String action() {
            return switch (request.state()) {
                case CHANGES_REQUESTED -> "changes_requested";
                case APPROVED -> "ready";
                default -> request.state().wire();
            };
        }

        @Override
        public Map<String, Object> details() {
            return Details.of("from", from, "to", request.state().wire(), "comment", comment);
        }

        @Override
        public Map<String, Object> notice(String actor) {
            return standardNotice(request, actor, comment);
        }
    }

    /** A draft of the request was edited: a new round, and the earlier approvers hear that their approval lapsed. */
    record DraftUpdated(String from, StoredRequest request, String resourceId, int draftVersion,
            List<String> earlierApprovers) implements Happening {

        @Override
        public String action() {
            return "draft_updated";
        }

        @Override
        public String comment() {
            return null;
        }

        @Override
        public Map<String, Object> details() {
            return Details.of("resource", resourceId, "draftVersion", draftVersion, "from", from);
        }

        @Override
        public Map<String, Object> notice(String actor) {
            return Details.of("requestId", request.id(), "number", request.number(), "resourceId", resourceId, "actor",
                    actor, "author", request.author(), "earlierApprovers", earlierApprovers);
        }
    }

    /** Moves the request to {@code state} (and {@code round}, with what blocks it) and records the move. */
    StoredRequest move(Tx tx, WorkspaceAccess ws, StoredRequest request, RequestState state, int round,
            List<String> blockedBy, String comment) {
        StoredRequest next = request.withState(state, round, ContentJson.write(blockedBy), Times.now());
        tx.requests().update(next);
        record(tx, ws, new Moved(request.state().wire(), next, comment));
        return next;
    }

    /** Writes the happening's timeline row, audit event and (when someone is told) outbox entry. */
    void record(Tx tx, WorkspaceAccess ws, Happening happening) {
        StoredRequest request = happening.request();
        String actor = ws.actor().userId();
        Instant at = Times.now();
        tx.requests().addEvent(new StoredRequestEvent(request.id(), at, actor, happening.action(),
                happening.comment()));
        audit.append(tx, ws.auditEntry("request." + happening.action(), request.id(), happening.details()));
        Map<String, Object> notice = happening.notice(actor);
        if (notice != null) {
            tx.outbox().add(new OutboxEntry(Ids.next("evt"), ws.workspaceId(), "request." + happening.action(),
                    ContentJson.write(notice), at, null));
        }
    }

    private static Map<String, Object> standardNotice(StoredRequest request, String actor, String comment) {
        return Details.of("requestId", request.id(), "number", request.number(), "kind", request.kind().wire(),
                "state", request.state().wire(), "author", request.author(), "actor", actor, "comment", comment);
    }
}
