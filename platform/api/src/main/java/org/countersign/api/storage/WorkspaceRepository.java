package org.countersign.api.storage;

import java.util.List;
import java.util.Optional;

public interface WorkspaceRepository {

    /** Inserts a workspace; a taken slug raises {@link DuplicateKeyException}. */
    void insert(StoredWorkspace workspace);

    Optional<StoredWorkspace> bySlug(String slug);

    Optional<StoredWorkspace> byId(String id);

    /** All workspaces with an id greater than {@code afterId} (null: from the start), ordered by id. */
    List<StoredWorkspace> list(String afterId, int limit);

    /** The workspaces {@code userId} is a member of, with an id greater than {@code afterId}, ordered by id. */
    List<StoredWorkspace> listForMember(String userId, String afterId, int limit);

    void updateSettings(String id, String settingsJson);
}
