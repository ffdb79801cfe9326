package org.countersign.api.rules;

import java.util.List;
import java.util.Map;
import org.countersign.api.identity.Actor;

/**
 * A workspace's rules script (docs/domain.md#approval-rules): read it, replace it, and try a script against a described
 * change.
 */
public interface RulesService {

    /**
     * The resource type a workspace's rules are governed as (docs/domain.md#workspaces-and-settings {@code
     * governRules}).
     */
    String RESOURCE_TYPE = "rules";

    RulesScriptView get(Actor actor, String slug);

    /**
     * Saves a new version (needs manage). The script is compiled in the sandbox first: problems come back as
     * 400 {@code invalid_rules} with line and column, and nothing is saved.
     */
    RulesScriptView put(Actor actor, String slug, String source);

    /**
     * Evaluates {@code source} (the saved script when null) against a described change, without saving
     * anything. {@code change}, {@code resource} and {@code actor} are the facts a rule reads; {@code paths}
     * the changed JSON paths.
     */
    RuleDecision evaluate(Actor actor, String slug, String source, Map<String, Object> change,
            Map<String, Object> resource, Map<String, Object> author, List<String> paths);
}
