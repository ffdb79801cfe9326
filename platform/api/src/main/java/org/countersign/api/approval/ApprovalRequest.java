package org.countersign.api.approval;

import java.time.Instant;
import java.util.List;
import org.countersign.api.resource.ConfigDiff;

/**
 * An approval request as SPEC §4 shows it: what it changes, what it needs, who approved, what blocks it,
 * and everything that happened to it. {@code workspace} is the workspace's slug, for reviewers' overviews.
 */
public record ApprovalRequest(String id, int number, String kind, String state, String author, List<String> reviewers,
        String comment, String sourceEnvironment, String targetEnvironment, List<Item> items,
        List<Requirement> requirements, int remainingApprovals, List<String> blockedBy, List<Review> reviews,
        List<TimelineEntry> timeline, Instant createdAt, Instant updatedAt, String workspace) {

    public static final String PUBLISH = "publish";
    public static final String PROMOTE = "promote";
    public static final String DELETE = "delete";

    public static final String OPEN = "open";
    public static final String CHANGES_REQUESTED = "changes_requested";
    public static final String APPROVED = "approved";
    public static final String APPLIED = "applied";
    public static final String DECLINED = "declined";
    public static final String WITHDRAWN = "withdrawn";
    public static final String DISCARDED = "discarded";

    /** The states from which nothing follows. */
    public static final List<String> TERMINAL = List.of(APPLIED, DECLINED, WITHDRAWN, DISCARDED);

    public ApprovalRequest {
        reviewers = List.copyOf(reviewers);
        items = List.copyOf(items);
        requirements = List.copyOf(requirements);
        blockedBy = List.copyOf(blockedBy);
        reviews = List.copyOf(reviews);
        timeline = List.copyOf(timeline);
    }

    /** One resource of the request: a draft version to publish, or a published revision to promote or delete. */
    public record Item(String resourceId, String type, String name, Integer draftVersion, Integer revision,
            ConfigDiff diff) {
    }

    /** A reviewer's verdict; {@code stale} once the drafts changed after it was given. */
    public record Review(String userId, String verdict, String comment, Instant at, boolean stale) {
    }

    /** One thing that happened to the request. */
    public record TimelineEntry(Instant at, String actor, String action, String comment) {
    }
}
