package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.List;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.event.OutboxRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteOutboxRepository implements OutboxRepository {

    private static final String COLUMNS = "id, scope, type, payload, created_at, dispatched_at";

    private static final RowMapper<OutboxEntry> ROW = (rs, ctx) -> new OutboxEntry(
            rs.getString("id"), rs.getString("scope"), rs.getString("type"), rs.getString("payload"),
            Columns.instant(rs, "created_at"), Columns.instant(rs, "dispatched_at"));

    private final Handle handle;

    SqliteOutboxRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(OutboxEntry entry) {
        handle.createUpdate("INSERT INTO outbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, entry.id()).bind(1, entry.scope()).bind(2, entry.type()).bind(3, entry.payload())
                .bind(4, Columns.millis(entry.createdAt())).bind(5, Columns.millis(entry.dispatchedAt()))
                .execute();
    }

    @Override
    public List<OutboxEntry> pending(int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT ?")
                .bind(0, limit).map(ROW).list();
    }

    @Override
    public long pendingCount() {
        return handle.createQuery("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL").mapTo(Long.class).one();
    }

    @Override
    public boolean markDispatched(String id, Instant at) {
        return handle.createUpdate("UPDATE outbox SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL")
                .bind(0, Columns.millis(at)).bind(1, id).execute() == 1;
    }

    @Override
    public int deleteDispatchedBefore(Instant cutoff, int limit) {
        return handle.createUpdate("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                + " WHERE dispatched_at IS NOT NULL AND dispatched_at < ? LIMIT ?)")
                .bind(0, Columns.millis(cutoff)).bind(1, limit).execute();
    }
}
