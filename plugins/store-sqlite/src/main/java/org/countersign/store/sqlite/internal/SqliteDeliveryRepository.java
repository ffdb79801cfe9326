package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.countersign.api.event.DeliveryCount;
import org.countersign.api.event.DeliveryRepository;
import org.countersign.api.event.StoredDelivery;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

final class SqliteDeliveryRepository implements DeliveryRepository {

    private static final String COLUMNS = "id, workspace_id, event_id, event_type, channel, recipient, url, secret, message,"
            + " state, attempts, next_attempt_at, lease_until, last_error, created_at, delivered_at";

    private static final RowMapper<StoredDelivery> ROW = (rs, ctx) -> new StoredDelivery(
            rs.getString("id"), rs.getString("workspace_id"), rs.getString("event_id"), rs.getString("event_type"),
            rs.getString("channel"), rs.getString("recipient"), rs.getString("url"), rs.getString("secret"),
            rs.getString("message"), rs.getString("state"), rs.getInt("attempts"),
            Columns.instant(rs, "next_attempt_at"), Columns.instant(rs, "lease_until"), rs.getString("last_error"),
            Columns.instant(rs, "created_at"), Columns.instant(rs, "delivered_at"));

    private final Handle handle;

    SqliteDeliveryRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void add(StoredDelivery d) {
        handle.createUpdate("INSERT INTO deliveries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, d.id()).bind(1, d.workspaceId()).bind(2, d.eventId()).bind(3, d.eventType())
                .bind(4, d.channel()).bind(5, d.recipient()).bind(6, d.url()).bind(7, d.secret()).bind(8, d.message())
                .bind(9, d.state()).bind(10, d.attempts()).bind(11, Columns.millis(d.nextAttemptAt()))
                .bind(12, Columns.millis(d.leaseUntil())).bind(13, d.lastError()).bind(14, Columns.millis(d.createdAt()))
                .bind(15, Columns.millis(d.deliveredAt()))
                .execute();
    }

    @Override
    public List<DeliveryCount> countByChannelAndState() {
        return handle.createQuery("SELECT channel, state, count(*) AS n FROM deliveries GROUP BY channel, state")
                .map((rs, ctx) -> new DeliveryCount(rs.getString("channel"), rs.getString("state"), rs.getLong("n")))
                .list();
    }

    @Override
    public List<StoredDelivery> due(Collection<String> channels, Instant now, int limit) {
        if (channels.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM deliveries"
                + " WHERE state = 'pending' AND channel IN (<channels>) AND next_attempt_at <= :now"
                + " AND (lease_until IS NULL OR lease_until < :now)"
                + " ORDER BY next_attempt_at, id LIMIT :limit")
                .bindList("channels", List.copyOf(channels)).bind("now", Columns.millis(now)).bind("limit", limit)
                .map(ROW).list();
    }

    @Override
    public boolean claim(String id, Instant now, Instant leaseUntil) {
        return handle.createUpdate("UPDATE deliveries SET attempts = attempts + 1, lease_until = ?"
                + " WHERE id = ? AND state = 'pending' AND (lease_until IS NULL OR lease_until < ?)")
                .bind(0, Columns.millis(leaseUntil)).bind(1, id).bind(2, Columns.millis(now)).execute() == 1;
    }

    @Override
    public void delivered(String id, Instant at) {
        handle.createUpdate("UPDATE deliveries SET state = 'delivered', delivered_at = ?, lease_until = NULL,"
                + " last_error = NULL WHERE id = ?")
                .bind(0, Columns.millis(at)).bind(1, id).execute();
    }

    @Override
    public int deleteDeliveredBefore(Instant cutoff, int limit) {
        return handle.createUpdate("DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries"
                + " WHERE state = 'delivered' AND delivered_at < ? LIMIT ?)")
                .bind(0, Columns.millis(cutoff)).bind(1, limit).execute();
    }

    @Override
    public void failed(String id, String error, Instant retryAt) {
        handle.createUpdate("UPDATE deliveries SET state = ?, last_error = ?, lease_until = NULL,"
                + " next_attempt_at = coalesce(?, next_attempt_at) WHERE id = ?")
                .bind(0, retryAt == null ? "dead" : "pending").bind(1, error).bind(2, Columns.millis(retryAt)).bind(3, id)
                .execute();
    }

    @Override
    public Optional<StoredDelivery> byId(String workspaceId, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM deliveries WHERE workspace_id = ? AND id = ?")
                .bind(0, workspaceId).bind(1, id).map(ROW).findOne();
    }

    @Override
    public boolean requeue(String workspaceId, String id, Instant now) {
        return handle.createUpdate("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?,"
                + " lease_until = NULL WHERE workspace_id = ? AND id = ? AND state = 'dead'")
                .bind(0, Columns.millis(now)).bind(1, workspaceId).bind(2, id).execute() == 1;
    }

    @Override
    public int requeueDead(String workspaceId, String channel, Instant now) {
        return handle.createUpdate("UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = :now,"
                + " lease_until = NULL WHERE workspace_id = :ws AND state = 'dead'"
                + (channel == null ? "" : " AND channel = :channel"))
                .bind("now", Columns.millis(now)).bind("ws", workspaceId).bind("channel", channel).execute();
    }

    @Override
    public List<StoredDelivery> page(String workspaceId, String state, String beforeId, int limit) {
        Query query = handle.createQuery("SELECT " + COLUMNS + " FROM deliveries WHERE workspace_id = :ws"
                + (state == null ? "" : " AND state = :state") + (beforeId == null ? "" : " AND id < :before")
                + " ORDER BY id DESC LIMIT :limit")
                .bind("ws", workspaceId).bind("limit", limit);
        if (state != null) {
            query.bind("state", state);
        }
        if (beforeId != null) {
            query.bind("before", beforeId);
        }
        return query.map(ROW).list();
    }
}
