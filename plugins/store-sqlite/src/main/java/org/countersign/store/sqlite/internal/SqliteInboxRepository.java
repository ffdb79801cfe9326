package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.event.InboxRepository;
import org.countersign.api.event.StoredInboxItem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

final class SqliteInboxRepository implements InboxRepository {

    private static final String COLUMNS = "id, user_id, workspace_id, event_id, type, title, text, link, request_id,"
            + " created_at, read_at";

    private static final RowMapper<StoredInboxItem> ROW = (rs, ctx) -> new StoredInboxItem(
            rs.getString("id"), rs.getString("user_id"), rs.getString("workspace_id"), rs.getString("event_id"),
            rs.getString("type"), rs.getString("title"), rs.getString("text"), rs.getString("link"),
            rs.getString("request_id"), Columns.instant(rs, "created_at"), Columns.instant(rs, "read_at"));

    private final Handle handle;

    SqliteInboxRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public boolean add(StoredInboxItem item) {
        return handle.createUpdate("INSERT OR IGNORE INTO inbox (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, item.id()).bind(1, item.userId()).bind(2, item.workspaceId()).bind(3, item.eventId())
                .bind(4, item.type()).bind(5, item.title()).bind(6, item.text()).bind(7, item.link())
                .bind(8, item.requestId()).bind(9, Columns.millis(item.createdAt())).bind(10, Columns.millis(item.readAt()))
                .execute() == 1;
    }

    @Override
    public List<StoredInboxItem> page(String userId, boolean unreadOnly, String beforeId, int limit) {
        Query query = handle.createQuery("SELECT " + COLUMNS + " FROM inbox WHERE user_id = :user"
                + (unreadOnly ? " AND read_at IS NULL" : "") + (beforeId == null ? "" : " AND id < :before")
                + " ORDER BY id DESC LIMIT :limit")
                .bind("user", userId).bind("limit", limit);
        if (beforeId != null) {
            query.bind("before", beforeId);
        }
        return query.map(ROW).list();
    }

    @Override
    public long unreadCount(String userId) {
        return handle.createQuery("SELECT count(*) FROM inbox WHERE user_id = ? AND read_at IS NULL")
                .bind(0, userId).mapTo(Long.class).one();
    }

    @Override
    public Optional<StoredInboxItem> byId(String userId, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM inbox WHERE user_id = ? AND id = ?")
                .bind(0, userId).bind(1, id).map(ROW).findOne();
    }

    @Override
    public boolean markRead(String userId, String id, Instant at) {
        return handle.createUpdate("UPDATE inbox SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL")
                .bind(0, Columns.millis(at)).bind(1, userId).bind(2, id).execute() == 1;
    }

    @Override
    public int markAllRead(String userId, Instant at) {
        return handle.createUpdate("UPDATE inbox SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
                .bind(0, Columns.millis(at)).bind(1, userId).execute();
    }
}
