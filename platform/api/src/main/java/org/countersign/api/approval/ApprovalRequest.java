package org.countersign.api.approval;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.api.identity.Person;
import org.countersign.api.resource.ConfigDiff;

/**
 * An approval request as docs/domain.md#http-api shows it: what it changes, what it needs, who approved, what blocks
 * it, and everything that happened to it. {@code workspace} is the workspace's slug, for reviewers' overviews;
 * {@code digest} fingerprints the content under review (approvals are bound to it); {@code people} names
 * every user the request mentions; {@code allowedActions} are what the caller may do to it now ({@code approve},
 * {@code decline}, {@code request-changes}, {@code withdraw}, {@code discard}, {@code apply}, {@code comment});
 * {@code eligibleApprovers} are who may still approve it (filled in on a single request, empty in lists).
 */
public record ApprovalRequest(String id, int number, String kind, String state, String author, List<String> reviewers,
        String comment, String sourceEnvironment, String targetEnvironment, List<Item> items,
        List<Requirement> requirements, int remainingApprovals, List<String> blockedBy, List<Review> reviews,
        List<TimelineEntry> timeline, Instant createdAt, Instant updatedAt, String workspace, String digest,
        Map<String, Person> people, List<String> allowedActions, List<String> eligibleApprovers) {

    /** The actions of {@link #allowedActions()}, named as their endpoints are. */
    public static final String ACT_APPROVE = "approve";
    public static final String ACT_DECLINE = "decline";
    public static final String ACT_REQUEST_CHANGES = "request-changes";
    public static final String ACT_WITHDRAW = "withdraw";
    public static final String ACT_DISCARD = "discard";
    public static final String ACT_APPLY = "apply";
    public static final String ACT_COMMENT = "comment";

    public ApprovalRequest {
        reviewers = List.copyOf(reviewers);
        items = List.copyOf(items);
        requirements = List.copyOf(requirements);
        blockedBy = List.copyOf(blockedBy);
        reviews = List.copyOf(reviews);
        timeline = List.copyOf(timeline);
        people = Map.copyOf(people);
        allowedActions = List.copyOf(allowedActions);
        eligibleApprovers = List.copyOf(eligibleApprovers);
    }

    /** The same request naming these people. */
    public ApprovalRequest withPeople(Map<String, Person> named) {
        return new ApprovalRequest(id, number, kind, state, author, reviewers, comment, sourceEnvironment,
                targetEnvironment, items, requirements, remainingApprovals, blockedBy, reviews, timeline, createdAt,
                updatedAt, workspace, digest, named, allowedActions, eligibleApprovers);
    }

    /** Every user id the request mentions: author, reviewers, approvers, reviews and timeline. */
    public Set<String> mentionedUsers() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(author);
        ids.addAll(reviewers);
        requirements.forEach(r -> ids.addAll(r.approvedBy()));
        reviews.forEach(r -> ids.add(r.userId()));
        timeline.forEach(t -> ids.add(t.actor()));
        ids.addAll(eligibleApprovers);
        ids.remove(null);
        return ids;
    }

    /** One resource of the request: a draft version to publish, or a published revision to promote or delete. */
    public record Item(String resourceId, String type, String name, Integer draftVersion, Integer revision,
            ConfigDiff diff) {
    }

    /**
     * A reviewer's verdict on the content of {@code digest}; {@code stale} once the drafts changed after it was
     * given or changes were requested since.
     */
    public record Review(String userId, String verdict, String comment, Instant at, boolean stale, String digest) {
    }

    /** An item edited since a review: the diff from the draft version reviewed to the current one. */
    public record ItemChange(String resourceId, String name, int fromVersion, int toVersion, ConfigDiff diff) {
    }

    /** One thing that happened to the request. */
    public record TimelineEntry(Instant at, String actor, String action, String comment) {
    }
}
