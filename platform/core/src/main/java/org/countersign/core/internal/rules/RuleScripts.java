package org.countersign.core.internal.rules;

import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Sha256;
import org.countersign.core.internal.support.Times;

/** Saving a new version of a workspace's rules, audited, whether it came from the API or from a file. */
final class RuleScripts {

    private RuleScripts() {
    }

    static StoredRuleScript save(Tx tx, AuditLog audit, String workspaceId, String source, String actor,
            String requestId, String managedBy) {
        int version = tx.ruleScripts().current(workspaceId).map(StoredRuleScript::version).orElse(0) + 1;
        StoredRuleScript script = new StoredRuleScript(workspaceId, version, source, Times.now(), actor, managedBy);
        tx.ruleScripts().add(script);
        audit.append(tx, new AuditEntry(workspaceId, actor, "rules.updated", workspaceId,
                Details.of("version", version, "sha256", Sha256.hex(source), "managedBy", managedBy), requestId));
        return script;
    }
}
