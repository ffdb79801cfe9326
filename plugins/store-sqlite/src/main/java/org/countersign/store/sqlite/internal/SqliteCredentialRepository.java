package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.Optional;
import org.countersign.api.storage.CredentialRepository;
import org.countersign.api.storage.StoredCredential;
import org.countersign.api.storage.StoredInvite;
import org.countersign.api.storage.StoredSession;
import org.jdbi.v3.core.Handle;

final class SqliteCredentialRepository implements CredentialRepository {

    private final Handle handle;

    SqliteCredentialRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<StoredCredential> password(String userId) {
        return handle.createQuery("SELECT user_id, hash, must_change, updated_at FROM passwords WHERE user_id = ?")
                .bind(0, userId)
                .map((rs, ctx) -> new StoredCredential(rs.getString("user_id"), rs.getString("hash"),
                        rs.getBoolean("must_change"), Columns.instant(rs, "updated_at")))
                .findOne();
    }

    @Override
    public void putPassword(StoredCredential c) {
        handle.createUpdate("INSERT OR REPLACE INTO passwords (user_id, hash, must_change, updated_at) VALUES (?, ?, ?, ?)")
                .bind(0, c.userId()).bind(1, c.hash()).bind(2, c.mustChange()).bind(3, Columns.millis(c.updatedAt()))
                .execute();
    }

    @Override
    public void insertSession(StoredSession s) {
        handle.createUpdate("INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")
                .bind(0, s.tokenHash()).bind(1, s.userId()).bind(2, s.csrf()).bind(3, Columns.millis(s.createdAt()))
                .bind(4, Columns.millis(s.lastSeenAt()))
                .execute();
    }

    @Override
    public Optional<StoredSession> session(String tokenHash) {
        return handle.createQuery("SELECT token_hash, user_id, csrf, created_at, last_seen_at FROM sessions"
                + " WHERE token_hash = ?")
                .bind(0, tokenHash)
                .map((rs, ctx) -> new StoredSession(rs.getString("token_hash"), rs.getString("user_id"),
                        rs.getString("csrf"), Columns.instant(rs, "created_at"), Columns.instant(rs, "last_seen_at")))
                .findOne();
    }

    @Override
    public void touchSession(String tokenHash, Instant at) {
        handle.createUpdate("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
                .bind(0, Columns.millis(at)).bind(1, tokenHash).execute();
    }

    @Override
    public void deleteSession(String tokenHash) {
        handle.createUpdate("DELETE FROM sessions WHERE token_hash = ?").bind(0, tokenHash).execute();
    }

    @Override
    public int deleteSessions(String userId, String keepTokenHash) {
        return handle.createUpdate("DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?")
                .bind(0, userId).bind(1, keepTokenHash).execute();
    }

    @Override
    public int deleteIdleSessions(Instant cutoff) {
        return handle.createUpdate("DELETE FROM sessions WHERE last_seen_at < ?").bind(0, Columns.millis(cutoff))
                .execute();
    }

    @Override
    public void insertInvite(StoredInvite i) {
        handle.createUpdate("INSERT INTO invites (token_hash, user_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?)")
                .bind(0, i.tokenHash()).bind(1, i.userId()).bind(2, Columns.millis(i.createdAt()))
                .bind(3, Columns.millis(i.expiresAt())).bind(4, Columns.millis(i.usedAt()))
                .execute();
    }

    @Override
    public Optional<StoredInvite> invite(String tokenHash) {
        return handle.createQuery("SELECT token_hash, user_id, created_at, expires_at, used_at FROM invites"
                + " WHERE token_hash = ?")
                .bind(0, tokenHash)
                .map((rs, ctx) -> new StoredInvite(rs.getString("token_hash"), rs.getString("user_id"),
                        Columns.instant(rs, "created_at"), Columns.instant(rs, "expires_at"),
                        Columns.instant(rs, "used_at")))
                .findOne();
    }

    @Override
    public boolean useInvite(String tokenHash, Instant at) {
        return handle.createUpdate("UPDATE invites SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .bind(0, Columns.millis(at)).bind(1, tokenHash).execute() == 1;
    }
}
