package org.countersign.api.approval;

import java.util.List;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.Page;

/**
 * The approval state machine of docs/domain.md#approval-requests. Every action re-evaluates the request against current
 * roles, settings and rules, answers with the request, and refuses what the state does not allow with 409
 * {@code invalid_state}.
 */
public interface RequestService {

    ApprovalRequest submit(Actor actor, String slug, NewRequest request);

    /** Newest first. */
    Page<ApprovalRequest> list(Actor actor, String slug, RequestFilter filter, String cursor, Integer limit);

    ApprovalRequest get(Actor actor, String slug, String requestId);

    /**
     * Approves the request as it is now. With {@code expectedDigest} (the digest the reviewer saw), a request whose
     * content has changed since is refused with 412 {@code stale_version} instead of approved blind.
     */
    ApprovalRequest approve(Actor actor, String slug, String requestId, String comment, String expectedDigest);

    ApprovalRequest decline(Actor actor, String slug, String requestId, String comment);

    /** Needs a comment (400 {@code comment_required}); approvals reset and approving is frozen until an edit. */
    ApprovalRequest requestChanges(Actor actor, String slug, String requestId, String comment);

    ApprovalRequest withdraw(Actor actor, String slug, String requestId, String comment);

    /** Ends the request and deletes its drafts. */
    ApprovalRequest discard(Actor actor, String slug, String requestId, String comment);

    /** Publishes, promotes or deletes an approved request now; {@code expectedDigest} as for {@link #approve}. */
    ApprovalRequest apply(Actor actor, String slug, String requestId, String expectedDigest);

    ApprovalRequest comment(Actor actor, String slug, String requestId, String body);

    /**
     * What changed in the request's drafts since the caller last reviewed it (a re-opened request): for each item
     * edited since, the diff from the version they saw to the current one. Empty when they never reviewed it or
     * nothing changed.
     */
    List<ApprovalRequest.ItemChange> sinceMyReview(Actor actor, String slug, String requestId);
}
