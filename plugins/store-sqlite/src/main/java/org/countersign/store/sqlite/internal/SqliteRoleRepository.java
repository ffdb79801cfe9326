package org.countersign.store.sqlite.internal;

import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.RoleRepository;
import org.countersign.api.storage.StoredRole;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteRoleRepository implements RoleRepository {

    private static final String COLUMNS = "workspace_id, name, description, statements, updated_at";

    private static final RowMapper<StoredRole> ROW = (rs, ctx) -> new StoredRole(
            rs.getString("workspace_id"), rs.getString("name"), rs.getString("description"), rs.getString("statements"),
            Columns.instant(rs, "updated_at"));

    private final Handle handle;

    SqliteRoleRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void put(StoredRole role) {
        handle.createUpdate("INSERT OR REPLACE INTO roles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                .bind(0, role.workspaceId()).bind(1, role.name()).bind(2, role.description())
                .bind(3, role.statementsJson()).bind(4, Columns.millis(role.updatedAt()))
                .execute();
    }

    @Override
    public Optional<StoredRole> get(String workspaceId, String name) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM roles WHERE workspace_id = ? AND name = ?")
                .bind(0, workspaceId).bind(1, name).map(ROW).findOne();
    }

    @Override
    public List<StoredRole> list(String workspaceId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM roles WHERE workspace_id = ? ORDER BY name")
                .bind(0, workspaceId).map(ROW).list();
    }

    @Override
    public boolean delete(String workspaceId, String name) {
        return handle.createUpdate("DELETE FROM roles WHERE workspace_id = ? AND name = ?")
                .bind(0, workspaceId).bind(1, name).execute() > 0;
    }
}
