package org.countersign.store.sqlite.internal;

import java.util.List;
import java.util.Optional;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Audit rows; the single writer already holds the chain head for the whole write transaction. */
final class SqliteAuditRepository implements AuditRepository {

    private static final String COLUMNS = "scope, seq, at, actor, action, target, details, request_id, prev_hash, hash";

    private static final RowMapper<AuditEvent> ROW = (rs, ctx) -> new AuditEvent(
            rs.getString("scope"), rs.getLong("seq"), Columns.instant(rs, "at"), rs.getString("actor"),
            rs.getString("action"), rs.getString("target"), rs.getString("details"), rs.getString("request_id"),
            rs.getString("prev_hash"), rs.getString("hash"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteAuditRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public Optional<AuditEvent> head(String scope) {
        return memo.read("audit_events", () -> handle.createQuery("SELECT " + COLUMNS + " FROM audit_events"
                + " WHERE scope = ? ORDER BY seq DESC LIMIT 1").bind(0, scope).map(ROW)
                .findOne(), scope);
    }

    @Override
    public void append(AuditEvent e) {
        memo.forget("audit_events");
        handle.createUpdate("INSERT INTO audit_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.scope()).bind(1, e.seq()).bind(2, Columns.millis(e.at()))
                .bind(3, e.actor()).bind(4, e.action()).bind(5, e.target()).bind(6, e.details())
                .bind(7, e.requestId()).bind(8, e.prevHash()).bind(9, e.hash())
                .execute();
        // the event just written is the chain's head: the next append in this transaction needs no query
        memo.remember("audit_events", Optional.of(e), e.scope());
    }

    @Override
    public List<AuditEvent> list(String scope, long afterSeq, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM audit_events WHERE scope = ? AND seq > ? ORDER BY seq LIMIT ?")
                .bind(0, scope).bind(1, afterSeq).bind(2, limit)
                .map(ROW).list();
    }
}
