package org.countersign.api.storage;

import java.time.Instant;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;

/**
 * An approval request row. {@code round} grows whenever a draft in the request is edited or changes are
 * requested: reviews given in an earlier round are stale. {@code reviewersJson} (user ids) and
 * {@code blockedByJson} (reasons it cannot apply) are JSON arrays as the core wrote them.
 */
public record StoredRequest(String id, String workspaceId, int number, RequestKind kind, RequestState state,
        String author, String reviewersJson, String comment, String sourceEnvironment, String targetEnvironment,
        int round, boolean applyManually, String blockedByJson, Instant createdAt, Instant updatedAt) {

    public StoredRequest withState(RequestState newState, int newRound, String newBlockedByJson, Instant at) {
        return new StoredRequest(id, workspaceId, number, kind, newState, author, reviewersJson, comment,
                sourceEnvironment, targetEnvironment, newRound, applyManually, newBlockedByJson, createdAt, at);
    }
}
