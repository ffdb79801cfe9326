package org.countersign.api.rules;

import java.util.List;

/**
 * The approval rules engine (docs/domain.md#approval-rules), contributed by the rules bundle. Without one installed,
 * roles and settings alone decide. Rules only tighten: the engine returns extra requirements, never fewer.
 */
public interface RuleEngine {

    /** Compiles a script in the sandbox; returns its problems (empty when it compiles). */
    List<RuleProblem> check(String source);

    /** Evaluates a script against one item of a change. Fails closed: errors become a block. */
    RuleDecision evaluate(String source, RuleContext context);
}
