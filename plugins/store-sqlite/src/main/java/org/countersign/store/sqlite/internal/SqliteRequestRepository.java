package org.countersign.store.sqlite.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.storage.RequestRepository;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredReview;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

final class SqliteRequestRepository implements RequestRepository {

    private static final String COLUMNS = "id, workspace_id, number, kind, state, author, reviewers, comment, source_env,"
            + " target_env, round, apply_manually, blocked_by, created_at, updated_at";

    private static final RowMapper<StoredRequest> ROW = (rs, ctx) -> new StoredRequest(rs.getString("id"),
            rs.getString("workspace_id"), rs.getInt("number"), RequestKind.of(rs.getString("kind")),
            RequestState.of(rs.getString("state")), rs.getString("author"), rs.getString("reviewers"),
            rs.getString("comment"), rs.getString("source_env"), rs.getString("target_env"), rs.getInt("round"),
            rs.getBoolean("apply_manually"), rs.getString("blocked_by"), Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"));

    private static final String ITEM_COLUMNS = "request_id, position, resource_id, draft_version, revision";
    private static final RowMapper<StoredRequestItem> ITEM_ROW = (rs, ctx) -> new StoredRequestItem(
            rs.getString("request_id"), rs.getInt("position"), rs.getString("resource_id"),
            integer(rs, "draft_version"), integer(rs, "revision"));

    private static final String REVIEW_COLUMNS = "request_id, user_id, verdict, comment, at, round, digest,"
            + " draft_versions";
    private static final RowMapper<StoredReview> REVIEW_ROW = (rs, ctx) -> new StoredReview(rs.getString("request_id"),
            rs.getString("user_id"), rs.getString("verdict"), rs.getString("comment"), Columns.instant(rs, "at"),
            rs.getInt("round"), rs.getString("digest"), rs.getString("draft_versions"));

    private static final String EVENT_COLUMNS = "request_id, at, actor, action, comment";
    private static final RowMapper<StoredRequestEvent> EVENT_ROW = (rs, ctx) -> new StoredRequestEvent(
            rs.getString("request_id"), Columns.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
            rs.getString("comment"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteRequestRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void insert(StoredRequest r, List<StoredRequestItem> items) {
        memo.forget("requests");
        memo.forget("request_items");
        handle.createUpdate("INSERT INTO requests (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, r.id()).bind(1, r.workspaceId()).bind(2, r.number()).bind(3, r.kind().wire())
                .bind(4, r.state().wire())
                .bind(5, r.author()).bind(6, r.reviewersJson()).bind(7, r.comment()).bind(8, r.sourceEnvironment())
                .bind(9, r.targetEnvironment()).bind(10, r.round()).bind(11, r.applyManually())
                .bind(12, r.blockedByJson()).bind(13, Columns.millis(r.createdAt())).bind(14, Columns.millis(r.updatedAt()))
                .execute();
        for (StoredRequestItem item : items) {
            handle.createUpdate("INSERT INTO request_items (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                    .bind(0, item.requestId()).bind(1, item.position()).bind(2, item.resourceId())
                    .bind(3, item.draftVersion()).bind(4, item.revision())
                    .execute();
        }
    }

    @Override
    public void update(StoredRequest r) {
        memo.forget("requests");
        handle.createUpdate("UPDATE requests SET state = ?, round = ?, blocked_by = ?, reviewers = ?, updated_at = ?"
                + " WHERE id = ?")
                .bind(0, r.state().wire()).bind(1, r.round()).bind(2, r.blockedByJson()).bind(3, r.reviewersJson())
                .bind(4, Columns.millis(r.updatedAt())).bind(5, r.id())
                .execute();
    }

    @Override
    public Optional<StoredRequest> byId(String workspaceId, String requestId) {
        return memo.read("requests", () -> handle.createQuery("SELECT " + COLUMNS + " FROM requests WHERE id = ?"
                + " AND workspace_id = ?").bind(0, requestId).bind(1, workspaceId).map(ROW)
                .findOne(), requestId, workspaceId);
    }

    @Override
    public int nextNumber(String workspaceId) {
        return handle.createQuery("SELECT coalesce(max(number), 0) + 1 FROM requests WHERE workspace_id = ?")
                .bind(0, workspaceId).mapTo(Integer.class).one();
    }

    @Override
    public List<StoredRequest> list(String workspaceId, RequestState state, String author, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM requests WHERE workspace_id = ?");
        List<Object> args = new ArrayList<>(List.of(workspaceId));
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.wire());
        }
        if (author != null) {
            sql.append(" AND author = ?");
            args.add(author);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        Query query = handle.createQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query.map(ROW).list();
    }

    @Override
    public Map<RequestState, Long> countByState(String workspaceId, Collection<RequestState> states) {
        if (states.isEmpty()) {
            return Map.of();
        }
        Map<RequestState, Long> counts = new LinkedHashMap<>();
        // one index range per state (requests_by_state), so closed history is never counted through
        handle.createQuery("SELECT state, count(*) AS n FROM requests WHERE workspace_id = :workspace"
                + " AND state IN (<states>) GROUP BY state")
                .bind("workspace", workspaceId).bindList("states", states.stream().map(RequestState::wire).toList())
                .map((rs, ctx) -> Map.entry(RequestState.of(rs.getString("state")), rs.getLong("n")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    @Override
    public List<StoredRequestItem> items(String requestId) {
        return memo.read("request_items", () -> handle.createQuery("SELECT " + ITEM_COLUMNS + " FROM request_items"
                + " WHERE request_id = ? ORDER BY position").bind(0, requestId).map(ITEM_ROW).list(), requestId);
    }

    @Override
    public List<StoredRequestItem> items(Collection<String> requestIds) {
        List<StoredRequestItem> rows = batch("SELECT " + ITEM_COLUMNS + " FROM request_items"
                + " WHERE request_id IN (<ids>) ORDER BY request_id, position", requestIds, ITEM_ROW);
        rememberEach("request_items", requestIds, rows, StoredRequestItem::requestId);
        return rows;
    }

    @Override
    public void updateItem(StoredRequestItem item) {
        memo.forget("request_items");
        handle.createUpdate("UPDATE request_items SET draft_version = ?, revision = ? WHERE request_id = ? AND position = ?")
                .bind(0, item.draftVersion()).bind(1, item.revision()).bind(2, item.requestId()).bind(3, item.position())
                .execute();
    }

    @Override
    public void addReview(StoredReview r) {
        memo.forget("reviews");
        handle.createUpdate("INSERT INTO reviews (request_id, seq, user_id, verdict, comment, at, round, digest,"
                + " draft_versions) SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, ? FROM reviews"
                + " WHERE request_id = ?")
                .bind(0, r.requestId()).bind(1, r.userId()).bind(2, r.verdict()).bind(3, r.comment())
                .bind(4, Columns.millis(r.at())).bind(5, r.round()).bind(6, r.digest()).bind(7, r.draftVersionsJson())
                .bind(8, r.requestId())
                .execute();
    }

    @Override
    public List<StoredReview> reviews(String requestId) {
        return memo.read("reviews", () -> handle.createQuery("SELECT " + REVIEW_COLUMNS + " FROM reviews"
                + " WHERE request_id = ? ORDER BY seq").bind(0, requestId).map(REVIEW_ROW).list(), requestId);
    }

    @Override
    public Map<String, List<StoredReview>> reviews(Collection<String> requestIds) {
        List<StoredReview> rows = batch("SELECT " + REVIEW_COLUMNS + " FROM reviews"
                + " WHERE request_id IN (<ids>) ORDER BY request_id, seq", requestIds, REVIEW_ROW);
        return rememberEach("reviews", requestIds, rows, StoredReview::requestId);
    }

    @Override
    public void addEvent(StoredRequestEvent e) {
        memo.forget("request_events");
        handle.createUpdate("INSERT INTO request_events (request_id, seq, at, actor, action, comment)"
                + " SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM request_events WHERE request_id = ?")
                .bind(0, e.requestId()).bind(1, Columns.millis(e.at())).bind(2, e.actor()).bind(3, e.action())
                .bind(4, e.comment()).bind(5, e.requestId())
                .execute();
    }

    @Override
    public List<StoredRequestEvent> timeline(String requestId) {
        return memo.read("request_events", () -> handle.createQuery("SELECT " + EVENT_COLUMNS + " FROM request_events"
                + " WHERE request_id = ? ORDER BY seq").bind(0, requestId).map(EVENT_ROW).list(), requestId);
    }

    @Override
    public Map<String, List<StoredRequestEvent>> timeline(Collection<String> requestIds) {
        List<StoredRequestEvent> rows = batch("SELECT " + EVENT_COLUMNS + " FROM request_events"
                + " WHERE request_id IN (<ids>) ORDER BY request_id, seq", requestIds, EVENT_ROW);
        return rememberEach("request_events", requestIds, rows, StoredRequestEvent::requestId);
    }

    /** The rows of {@code sql} (which selects {@code request_id IN (<ids>)}) for several requests at once. */
    private <T> List<T> batch(String sql, Collection<String> requestIds, RowMapper<T> row) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(sql).bindList("ids", List.copyOf(requestIds)).map(row).list();
    }

    /**
     * Groups a batch's rows by request and remembers each request's rows (none included) as what reading that one
     * request would answer in this transaction: a list reads for a batch what evaluating each request reads again.
     */
    private <T> Map<String, List<T>> rememberEach(String table, Collection<String> requestIds, List<T> rows,
            Function<T, String> requestId) {
        Map<String, List<T>> byRequest = new LinkedHashMap<>();
        requestIds.forEach(id -> byRequest.put(id, new ArrayList<>()));
        rows.forEach(row -> byRequest.get(requestId.apply(row)).add(row));
        byRequest.replaceAll((id, list) -> List.copyOf(list));
        byRequest.forEach((id, list) -> memo.remember(table, list, id));
        return Collections.unmodifiableMap(byRequest);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
