package org.countersign.api.storage;

import java.util.Optional;

/** The versioned rules scripts of workspaces (docs/domain.md#approval-rules). */
public interface RuleScriptRepository {

    void add(StoredRuleScript script);

    /** The script in force: the highest version. */
    Optional<StoredRuleScript> current(String workspaceId);
}
