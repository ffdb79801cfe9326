package org.countersign.store.sqlite.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.MemberRepository;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.Membership;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

final class SqliteMemberRepository implements MemberRepository {

    /** Members come with their user's email and name, in the same query. */
    private static final String MEMBER = "SELECT m.user_id, u.email, u.name, m.role, m.since"
            + " FROM members m JOIN users u ON u.id = m.user_id";

    private static final RowMapper<Member> MEMBER_ROW = (rs, ctx) -> new Member(
            rs.getString("user_id"), rs.getString("email"), rs.getString("name"), rs.getString("role"),
            Columns.instant(rs, "since"));

    private final Handle handle;
    private final TxMemo memo;

    SqliteMemberRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void put(String workspaceId, String userId, String role, Instant since) {
        memo.forget("members");
        handle.createUpdate("INSERT INTO members (workspace_id, user_id, role, since) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role")
                .bind(0, workspaceId).bind(1, userId).bind(2, role).bind(3, Columns.millis(since))
                .execute();
    }

    @Override
    public Optional<String> role(String workspaceId, String userId) {
        return memo.read("members", () -> handle.createQuery("SELECT role FROM members WHERE workspace_id = ?"
                + " AND user_id = ?").bind(0, workspaceId).bind(1, userId).mapTo(String.class).findOne(),
                workspaceId, userId);
    }

    @Override
    public Optional<Member> get(String workspaceId, String userId) {
        return handle.createQuery(MEMBER + " WHERE m.workspace_id = ? AND m.user_id = ?")
                .bind(0, workspaceId).bind(1, userId).map(MEMBER_ROW).findOne();
    }

    @Override
    public boolean delete(String workspaceId, String userId) {
        memo.forget("members");
        return handle.createUpdate("DELETE FROM members WHERE workspace_id = ? AND user_id = ?")
                .bind(0, workspaceId).bind(1, userId).execute() > 0;
    }

    @Override
    public List<Member> list(String workspaceId, String afterUserId, int limit) {
        return handle.createQuery(MEMBER + " WHERE m.workspace_id = ? AND m.user_id > ? ORDER BY m.user_id LIMIT ?")
                .bind(0, workspaceId).bind(1, afterUserId == null ? "" : afterUserId).bind(2, limit)
                .map(MEMBER_ROW).list();
    }

    @Override
    public List<String> withRole(String workspaceId, String role) {
        return handle.createQuery("SELECT user_id FROM members WHERE workspace_id = ? AND role = ? ORDER BY user_id")
                .bind(0, workspaceId).bind(1, role).mapTo(String.class).list();
    }

    @Override
    public long countWithRole(String workspaceId, String role) {
        return handle.createQuery("SELECT count(*) FROM members WHERE workspace_id = ? AND role = ?")
                .bind(0, workspaceId).bind(1, role).mapTo(Long.class).one();
    }

    @Override
    public List<Membership> memberships(String userId) {
        return handle.createQuery("SELECT w.id, w.slug, w.name, m.role FROM members m"
                + " JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = ? ORDER BY w.slug")
                .bind(0, userId)
                .map((rs, ctx) -> new Membership(rs.getString("id"), rs.getString("slug"), rs.getString("name"),
                        rs.getString("role")))
                .list();
    }
}
