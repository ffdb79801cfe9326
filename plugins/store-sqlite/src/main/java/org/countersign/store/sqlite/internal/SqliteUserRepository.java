package org.countersign.store.sqlite.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.countersign.api.identity.User;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.UserRepository;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class SqliteUserRepository implements UserRepository {

    private static final String COLUMNS = "id, email, name, instance_admin, created_at";

    private static final RowMapper<User> ROW = (rs, ctx) -> new User(
            rs.getString("id"), rs.getString("email"), rs.getString("name"), rs.getBoolean("instance_admin"),
            Columns.instant(rs, "created_at"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteUserRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void insert(User user) {
        memo.forget("users");
        try {
            handle.createUpdate("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                    .bind(0, user.id())
                    .bind(1, user.email().toLowerCase(Locale.ROOT))
                    .bind(2, user.name())
                    .bind(3, user.instanceAdmin())
                    .bind(4, Columns.millis(user.createdAt()))
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (Columns.isUniqueViolation(e)) {
                throw new DuplicateKeyException("A user with the email " + user.email() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<User> byId(String id) {
        return memo.read("users", () -> handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .bind(0, id).map(ROW).findOne(), id);
    }

    @Override
    public List<User> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(ROW).list();
    }

    @Override
    public Optional<User> byEmail(String email) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = ? COLLATE NOCASE")
                .bind(0, email).map(ROW).findOne();
    }

    @Override
    public List<User> list(String afterId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?")
                .bind(0, afterId == null ? "" : afterId).bind(1, limit)
                .map(ROW).list();
    }

    @Override
    public long count() {
        return handle.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one();
    }
}
