package org.countersign.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.RequestState;

/** Approval requests with their items, reviews and timelines. */
public interface RequestRepository {

    /** Inserts the request and its items. */
    void insert(StoredRequest request, List<StoredRequestItem> items);

    /** Replaces state, round, blocks, updatedAt and reviewers. */
    void update(StoredRequest request);

    /** The request, only when it belongs to the workspace. */
    Optional<StoredRequest> byId(String workspaceId, String requestId);

    /** The number the workspace's next request gets: 1, 2, ... */
    int nextNumber(String workspaceId);

    /**
     * The workspace's requests with an id less than {@code beforeId} (null: from the newest), newest first,
     * filtered by state and author when given.
     */
    List<StoredRequest> list(String workspaceId, RequestState state, String author, String beforeId, int limit);

    List<StoredRequestItem> items(String requestId);

    /** How many of the workspace's requests are in each of {@code states} (states without any are left out). */
    Map<RequestState, Long> countByState(String workspaceId, Collection<RequestState> states);

    /** The items of several requests at once, in request and position order. */
    List<StoredRequestItem> items(Collection<String> requestIds);

    /** Records the draft version an item now carries. */
    void updateItem(StoredRequestItem item);

    void addReview(StoredReview review);

    /** Reviews in the order given. */
    List<StoredReview> reviews(String requestId);

    /** The reviews of each of {@code requestIds} (an empty list for one without any), for a list of requests. */
    Map<String, List<StoredReview>> reviews(Collection<String> requestIds);

    void addEvent(StoredRequestEvent event);

    /** The timeline, oldest first. */
    List<StoredRequestEvent> timeline(String requestId);

    /** The timeline of each of {@code requestIds}, oldest first, for a list of requests. */
    Map<String, List<StoredRequestEvent>> timeline(Collection<String> requestIds);
}
