package org.countersign.store.sqlite.internal;

import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.RevisionRepository;
import org.countersign.api.storage.StoredRevision;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteRevisionRepository implements RevisionRepository {

    private static final String COLUMNS = "resource_id, number, content, author, created_at, comment, request_id,"
            + " published_by, contributors";

    private static final RowMapper<StoredRevision> ROW = (rs, ctx) -> new StoredRevision(
            rs.getString("resource_id"), rs.getInt("number"), rs.getString("content"), rs.getString("author"),
            Columns.instant(rs, "created_at"), rs.getString("comment"), rs.getString("request_id"),
            rs.getString("published_by"), rs.getString("contributors"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteRevisionRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void insert(StoredRevision r) {
        memo.forget("revisions");
        handle.createUpdate("INSERT INTO revisions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, r.resourceId()).bind(1, r.number()).bind(2, r.contentJson()).bind(3, r.author())
                .bind(4, Columns.millis(r.at())).bind(5, r.comment()).bind(6, r.requestId())
                .bind(7, r.publishedBy()).bind(8, r.contributorsJson())
                .execute();
    }

    @Override
    public Optional<StoredRevision> get(String resourceId, int number) {
        return memo.read("revisions", () -> handle.createQuery("SELECT " + COLUMNS + " FROM revisions"
                + " WHERE resource_id = ? AND number = ?").bind(0, resourceId).bind(1, number)
                .map(ROW).findOne(), "number", resourceId, number);
    }

    @Override
    public Optional<StoredRevision> byRequest(String resourceId, String requestId) {
        return memo.read("revisions", () -> handle.createQuery("SELECT " + COLUMNS + " FROM revisions"
                + " WHERE resource_id = ? AND request_id = ?").bind(0, resourceId).bind(1, requestId)
                .map(ROW).findFirst(), "request", resourceId, requestId);
    }

    @Override
    public List<StoredRevision> list(String resourceId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM revisions WHERE resource_id = ? ORDER BY number DESC")
                .bind(0, resourceId).map(ROW).list();
    }

    @Override
    public int latest(String resourceId) {
        return memo.<Integer>read("revisions", () -> handle.createQuery("SELECT coalesce(max(number), 0)"
                + " FROM revisions WHERE resource_id = ?").bind(0, resourceId).mapTo(Integer.class).one(),
                "latest", resourceId);
    }
}
