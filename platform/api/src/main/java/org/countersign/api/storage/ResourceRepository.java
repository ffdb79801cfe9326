package org.countersign.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.resource.ResourceState;

/** Resources and their publications per environment. */
public interface ResourceRepository {

    void insert(StoredResource resource);

    /** Replaces name, labels, owners, state and updatedAt. */
    void update(StoredResource resource);

    /**
     * Marks the resource {@code DELETED} and drops its labels and publications; its revisions stay as history.
     * Deleted resources are invisible to every read below.
     */
    void delete(String resourceId);

    /** The resource, only when it belongs to the workspace. */
    Optional<StoredResource> byId(String workspaceId, String resourceId);

    /** The workspace's resources among {@code ids}, in no particular order. */
    List<StoredResource> byIds(String workspaceId, Collection<String> ids);

    /** Like {@link #byIds}, deleted resources included: for the history of requests that deleted them. */
    List<StoredResource> byIdsWithDeleted(String workspaceId, Collection<String> ids);

    /**
     * The workspace's resources with an id greater than {@code afterId}, ordered by id, filtered by type,
     * state and labels (all must match) when given.
     */
    List<StoredResource> list(String workspaceId, String type, ResourceState state, Map<String, String> labels,
            String afterId, int limit);

    /** Inserts or replaces the publication of {@code resourceId} in its environment. */
    void publish(StoredPublication publication);

    /** False when the resource was not published there. */
    boolean unpublish(String resourceId, String environment);

    /** The publications of the given resources, in no particular order. */
    List<StoredPublication> publications(Collection<String> resourceIds);
}
