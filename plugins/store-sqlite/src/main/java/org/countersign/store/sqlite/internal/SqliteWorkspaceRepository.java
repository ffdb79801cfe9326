package org.countersign.store.sqlite.internal;

import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.WorkspaceRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class SqliteWorkspaceRepository implements WorkspaceRepository {

    private static final String COLUMNS = "w.id, w.slug, w.name, w.settings, w.created_at, w.created_by";

    private static final RowMapper<StoredWorkspace> ROW = (rs, ctx) -> StoredWorkspace.of(rs.getString("id"),
            rs.getString("slug"), rs.getString("name"), Columns.instant(rs, "created_at"), rs.getString("created_by"),
            rs.getString("settings"));

    private final Handle handle;

    SqliteWorkspaceRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(StoredWorkspace workspace) {
        var w = workspace.workspace();
        try {
            handle.createUpdate("INSERT INTO workspaces (id, slug, name, settings, created_at, created_by)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")
                    .bind(0, w.id()).bind(1, w.slug()).bind(2, w.name()).bind(3, workspace.settingsJson())
                    .bind(4, Columns.millis(w.createdAt())).bind(5, w.createdBy())
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new DuplicateKeyException("A workspace with the slug " + w.slug() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredWorkspace> bySlug(String slug) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM workspaces w WHERE w.slug = ?")
                .bind(0, slug).map(ROW).findOne();
    }

    @Override
    public Optional<StoredWorkspace> byId(String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM workspaces w WHERE w.id = ?")
                .bind(0, id).map(ROW).findOne();
    }

    @Override
    public List<StoredWorkspace> list(String afterId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM workspaces w WHERE w.id > ? ORDER BY w.id LIMIT ?")
                .bind(0, afterId == null ? "" : afterId).bind(1, limit)
                .map(ROW).list();
    }

    @Override
    public List<StoredWorkspace> listForMember(String userId, String afterId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM members m JOIN workspaces w ON w.id = m.workspace_id"
                + " WHERE m.user_id = ? AND m.workspace_id > ? ORDER BY m.workspace_id LIMIT ?")
                .bind(0, userId).bind(1, afterId == null ? "" : afterId).bind(2, limit)
                .map(ROW).list();
    }

    @Override
    public void updateSettings(String id, String settingsJson) {
        handle.createUpdate("UPDATE workspaces SET settings = ? WHERE id = ?").bind(0, settingsJson).bind(1, id).execute();
    }
}
