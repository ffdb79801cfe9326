package org.countersign.store.sqlite.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.DraftRepository;
import org.countersign.api.storage.StoredDraft;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteDraftRepository implements DraftRepository {

    private static final String COLUMNS =
            "resource_id, version, content, contributors, base_revision, updated_at, updated_by, request_id";

    private static final RowMapper<StoredDraft> ROW = (rs, ctx) -> {
        int base = rs.getInt("base_revision");
        Integer baseRevision = rs.wasNull() ? null : base;
        return new StoredDraft(rs.getString("resource_id"), rs.getInt("version"), rs.getString("content"),
                rs.getString("contributors"), baseRevision, Columns.instant(rs, "updated_at"),
                rs.getString("updated_by"), rs.getString("request_id"));
    };

    private final Handle handle;
    private final TxMemo memo;

    SqliteDraftRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void put(StoredDraft d) {
        memo.forget("drafts");
        handle.createUpdate("INSERT OR REPLACE INTO drafts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, d.resourceId()).bind(1, d.version()).bind(2, d.contentJson()).bind(3, d.contributorsJson())
                .bind(4, d.baseRevision()).bind(5, Columns.millis(d.updatedAt())).bind(6, d.updatedBy())
                .bind(7, d.requestId())
                .execute();
        // a draft that starts over after it went live numbers its versions from 1 again: the newest one stands
        handle.createUpdate("INSERT OR REPLACE INTO draft_versions (resource_id, version, content, saved_at, saved_by)"
                + " VALUES (?, ?, ?, ?, ?)")
                .bind(0, d.resourceId()).bind(1, d.version()).bind(2, d.contentJson()).bind(3, Columns.millis(d.updatedAt()))
                .bind(4, d.updatedBy())
                .execute();
    }

    @Override
    public Optional<String> versionContent(String resourceId, int version) {
        return handle.createQuery("SELECT content FROM draft_versions WHERE resource_id = ? AND version = ?")
                .bind(0, resourceId).bind(1, version).mapTo(String.class).findOne();
    }

    @Override
    public Optional<StoredDraft> get(String resourceId) {
        return memo.read("drafts", () -> handle.createQuery("SELECT " + COLUMNS + " FROM drafts WHERE resource_id = ?")
                .bind(0, resourceId).map(ROW).findOne(), resourceId);
    }

    @Override
    public List<StoredDraft> get(Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM drafts WHERE resource_id IN (<ids>)")
                .bindList("ids", List.copyOf(resourceIds)).map(ROW).list();
    }

    @Override
    public boolean delete(String resourceId) {
        memo.forget("drafts");
        return handle.createUpdate("DELETE FROM drafts WHERE resource_id = ?").bind(0, resourceId).execute() > 0;
    }
}
