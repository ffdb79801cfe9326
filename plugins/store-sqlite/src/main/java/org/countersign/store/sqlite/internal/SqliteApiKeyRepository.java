package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.storage.ApiKeyRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteApiKeyRepository implements ApiKeyRepository {

    private static final String COLUMNS = "id, user_id, name, token_hash, created_at, revoked_at";

    private static final RowMapper<ApiKey> ROW = (rs, ctx) -> new ApiKey(
            rs.getString("id"), rs.getString("user_id"), rs.getString("name"), rs.getString("token_hash"),
            Columns.instant(rs, "created_at"), Columns.instant(rs, "revoked_at"));

    private final Handle handle;

    SqliteApiKeyRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(ApiKey key) {
        handle.createUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, key.id())
                .bind(1, key.userId())
                .bind(2, key.name())
                .bind(3, key.tokenHash())
                .bind(4, Columns.millis(key.createdAt()))
                .bind(5, Columns.millis(key.revokedAt()))
                .execute();
    }

    @Override
    public Optional<ApiKey> byId(String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = ?")
                .bind(0, id).map(ROW).findOne();
    }

    @Override
    public Optional<ApiKey> activeByHash(String tokenHash) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE token_hash = ? AND revoked_at IS NULL")
                .bind(0, tokenHash).map(ROW).findOne();
    }

    @Override
    public List<ApiKey> forUser(String userId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = ? ORDER BY created_at DESC, id DESC")
                .bind(0, userId).map(ROW).list();
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return handle.createUpdate("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .bind(0, Columns.millis(at)).bind(1, id).execute() == 1;
    }
}
