package org.countersign.store.sqlite.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.storage.ResourceRepository;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

final class SqliteResourceRepository implements ResourceRepository {

    private static final String COLUMNS =
            "id, workspace_id, type, name, labels, owners, state, created_at, created_by, updated_at";

    private static final RowMapper<StoredResource> ROW = (rs, ctx) -> new StoredResource(
            rs.getString("id"), rs.getString("workspace_id"), rs.getString("type"), rs.getString("name"),
            rs.getString("labels"), rs.getString("owners"), ResourceState.valueOf(rs.getString("state")),
            Columns.instant(rs, "created_at"), rs.getString("created_by"), Columns.instant(rs, "updated_at"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteResourceRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void insert(StoredResource r) {
        memo.forget("resources");
        handle.createUpdate("INSERT INTO resources (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, r.id()).bind(1, r.workspaceId()).bind(2, r.type()).bind(3, r.name()).bind(4, r.labelsJson())
                .bind(5, r.ownersJson()).bind(6, r.state().name()).bind(7, Columns.millis(r.createdAt()))
                .bind(8, r.createdBy()).bind(9, Columns.millis(r.updatedAt()))
                .execute();
        indexLabels(r);
    }

    @Override
    public void update(StoredResource r) {
        memo.forget("resources");
        handle.createUpdate("UPDATE resources SET name = ?, labels = ?, owners = ?, state = ?, updated_at = ? WHERE id = ?")
                .bind(0, r.name()).bind(1, r.labelsJson()).bind(2, r.ownersJson()).bind(3, r.state().name())
                .bind(4, Columns.millis(r.updatedAt())).bind(5, r.id())
                .execute();
        handle.createUpdate("DELETE FROM resource_labels WHERE resource_id = ?").bind(0, r.id()).execute();
        indexLabels(r);
    }

    /** SQLite itself reads the labels document, so the store needs no JSON library. */
    private void indexLabels(StoredResource r) {
        handle.createUpdate("INSERT INTO resource_labels (workspace_id, key, value, resource_id)"
                + " SELECT ?, key, value, ? FROM json_each(?)")
                .bind(0, r.workspaceId()).bind(1, r.id()).bind(2, r.labelsJson())
                .execute();
    }

    @Override
    public void delete(String resourceId) {
        memo.forget("resources");
        for (String table : List.of("resource_labels", "publications")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE resource_id = ?").bind(0, resourceId).execute();
        }
        handle.createUpdate("UPDATE resources SET state = 'DELETED' WHERE id = ?").bind(0, resourceId).execute();
    }

    @Override
    public Optional<StoredResource> byId(String workspaceId, String resourceId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM resources WHERE id = ? AND workspace_id = ?"
                + " AND state <> 'DELETED'")
                .bind(0, resourceId).bind(1, workspaceId).map(ROW).findOne();
    }

    @Override
    public List<StoredResource> byIds(String workspaceId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM resources WHERE workspace_id = :ws AND id IN (<ids>)"
                + " AND state <> 'DELETED'")
                .bind("ws", workspaceId).bindList("ids", List.copyOf(ids))
                .map(ROW).list();
    }

    @Override
    public List<StoredResource> byIdsWithDeleted(String workspaceId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> wanted = List.copyOf(ids);
        return memo.read("resources", () -> handle.createQuery("SELECT " + COLUMNS + " FROM resources"
                + " WHERE workspace_id = :ws AND id IN (<ids>)").bind("ws", workspaceId).bindList("ids", wanted)
                .map(ROW).list(), "with-deleted", workspaceId, wanted);
    }

    @Override
    public List<StoredResource> list(String workspaceId, String type, ResourceState state, Map<String, String> labels,
            String afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM resources WHERE workspace_id = ?");
        List<Object> args = new ArrayList<>(List.of(workspaceId));
        if (type != null) {
            sql.append(" AND type = ?");
            args.add(type);
        }
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state.name());
        } else {
            sql.append(" AND state <> 'DELETED'");
        }
        labels.forEach((key, value) -> {
            sql.append(" AND id IN (SELECT resource_id FROM resource_labels WHERE workspace_id = ? AND key = ? AND value = ?)");
            args.addAll(List.of(workspaceId, key, value));
        });
        sql.append(" AND id > ? ORDER BY id LIMIT ?");
        args.add(afterId == null ? "" : afterId);
        args.add(limit);
        Query query = handle.createQuery(sql.toString());
        for (int i = 0; i < args.size(); i++) {
            query.bind(i, args.get(i));
        }
        return query.map(ROW).list();
    }

    @Override
    public void publish(StoredPublication p) {
        handle.createUpdate("INSERT OR REPLACE INTO publications (resource_id, environment, revision, published_at,"
                + " published_by) VALUES (?, ?, ?, ?, ?)")
                .bind(0, p.resourceId()).bind(1, p.environment()).bind(2, p.revision())
                .bind(3, Columns.millis(p.publishedAt())).bind(4, p.publishedBy())
                .execute();
    }

    @Override
    public boolean unpublish(String resourceId, String environment) {
        return handle.createUpdate("DELETE FROM publications WHERE resource_id = ? AND environment = ?")
                .bind(0, resourceId).bind(1, environment).execute() > 0;
    }

    @Override
    public List<StoredPublication> publications(Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT p.resource_id, p.environment, p.revision, p.published_at, p.published_by,"
                + " r.content FROM publications p"
                + " JOIN revisions r ON r.resource_id = p.resource_id AND r.number = p.revision"
                + " WHERE p.resource_id IN (<ids>)")
                .bindList("ids", List.copyOf(resourceIds))
                .map((rs, ctx) -> new StoredPublication(rs.getString("resource_id"), rs.getString("environment"),
                        rs.getInt("revision"), Columns.instant(rs, "published_at"), rs.getString("published_by"),
                        rs.getString("content")))
                .list();
    }
}
