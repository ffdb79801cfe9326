package org.countersign.store.sqlite.internal;

import java.util.Optional;
import org.countersign.api.storage.RuleScriptRepository;
import org.countersign.api.storage.StoredRuleScript;
import org.jdbi.v3.core.Handle;

final class SqliteRuleScriptRepository implements RuleScriptRepository {

    private final Handle handle;
    private final TxMemo memo;

    SqliteRuleScriptRepository(Handle handle, TxMemo memo) {
        this.handle = handle;
        this.memo = memo;
    }

    @Override
    public void add(StoredRuleScript s) {
        memo.forget("rule_scripts");
        handle.createUpdate("INSERT INTO rule_scripts (workspace_id, version, source, created_at, created_by, managed_by)"
                + " VALUES (?, ?, ?, ?, ?, ?)")
                .bind(0, s.workspaceId()).bind(1, s.version()).bind(2, s.source()).bind(3, Columns.millis(s.createdAt()))
                .bind(4, s.createdBy()).bind(5, s.managedBy())
                .execute();
    }

    @Override
    public Optional<StoredRuleScript> current(String workspaceId) {
        return memo.read("rule_scripts", () -> handle.createQuery("SELECT workspace_id, version, source, created_at,"
                + " created_by, managed_by FROM rule_scripts WHERE workspace_id = ? ORDER BY version DESC LIMIT 1")
                .bind(0, workspaceId)
                .map((rs, ctx) -> new StoredRuleScript(rs.getString("workspace_id"), rs.getInt("version"),
                        rs.getString("source"), Columns.instant(rs, "created_at"), rs.getString("created_by"),
                        rs.getString("managed_by")))
                .findOne(), workspaceId);
    }
}
