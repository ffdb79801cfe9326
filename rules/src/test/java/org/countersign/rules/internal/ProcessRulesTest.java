package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code rules.isolation=process}: the same decisions from a worker JVM that is replaced when it overruns or dies. */
class ProcessRulesTest {

    private final ProcessRules rules = new ProcessRules(System.getProperty("java.class.path"), 300);

    @AfterEach
    void close() {
        rules.close();
    }

    @Test
    void decidesLikeTheInProcessEngine() {
        RuleContext context = GroovyRuleEngineTest.context("publish", "production", "model", Map.of("pii", "true"),
                List.of("/config/query"), GroovyRuleEngineTest.MONDAY);
        RuleDecision inWorker = rules.evaluate(GroovyRuleEngineTest.DSL_EXAMPLE, context);
        try (ThreadedRules local = new ThreadedRules(2_000)) {
            assertThat(inWorker).isEqualTo(local.evaluate(GroovyRuleEngineTest.DSL_EXAMPLE, context));
        }
        assertThat(rules.check("System.exit(1)")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("System"));
        assertThat(rules.check(GroovyRuleEngineTest.DSL_EXAMPLE)).isEmpty();
    }

    @Test
    void anOverrunningScriptFailsClosedAndItsWorkerIsReplaced() {
        String slow = GroovyRuleEngineTest.SLOW;
        RuleContext context = GroovyRuleEngineTest.manyOwners();
        assertThat(rules.check(slow)).isEmpty();
        long first = rules.workerPid();
        RuleDecision decision = rules.evaluate(slow, context);
        assertThat(decision.blocks()).singleElement().satisfies(b -> assertThat(b).startsWith("rules error:"));
        assertThat(decision.requireApproval()).isTrue();

        RuleDecision next = rules.evaluate("rule 'fine', { requireApproval() }", context);
        assertThat(next.matchedRules()).containsExactly("fine");
        assertThat(rules.workerPid()).isNotEqualTo(first);
    }

    @Test
    void aWorkerThatDiesIsReplaced() {
        assertThat(rules.check("rule 'x', { requireApproval() }")).isEmpty();
        ProcessHandle.of(rules.workerPid()).ifPresent(ProcessHandle::destroyForcibly);
        RuleContext context = GroovyRuleEngineTest.context("publish", "production", "model", Map.of(), List.of(),
                GroovyRuleEngineTest.MONDAY);
        assertThat(rules.evaluate("rule 'x', { requireApproval() }", context).matchedRules()).containsExactly("x");
    }
}
