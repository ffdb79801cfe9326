package org.countersign.store.sqlite.internal;

import java.util.List;
import org.countersign.api.resource.Run;
import org.countersign.api.storage.RunRepository;
import org.jdbi.v3.core.Handle;

final class SqliteRunRepository implements RunRepository {

    private final Handle handle;

    SqliteRunRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(String workspaceId, Run run) {
        handle.createUpdate("INSERT INTO runs (id, workspace_id, resource_id, environment, revision, actor, at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, run.id()).bind(1, workspaceId).bind(2, run.resourceId()).bind(3, run.environment())
                .bind(4, run.revision()).bind(5, run.actor()).bind(6, Columns.millis(run.at()))
                .execute();
    }

    @Override
    public List<Run> forResource(String resourceId, int limit) {
        return handle.createQuery("SELECT id, resource_id, environment, revision, actor, at FROM runs"
                + " WHERE resource_id = ? ORDER BY at DESC, id DESC LIMIT ?")
                .bind(0, resourceId).bind(1, limit)
                .map((rs, ctx) -> new Run(rs.getString("id"), rs.getString("resource_id"), rs.getString("environment"),
                        rs.getInt("revision"), rs.getString("actor"), Columns.instant(rs, "at")))
                .list();
    }
}
