package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.countersign.api.metrics.Telemetry.RuleOutcome;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.Test;

/** What the metrics call an evaluation: decided, or failed closed on an error or on the deadline. */
class RuleOutcomeTest {

    @Test
    void aDecisionIsDecidedEvenWhenARuleBlocks() {
        RuleDecision blocked = new RuleDecision(true, List.of(), false, false, List.of("PII needs a DPO"), List.of(),
                false, List.of("pii"));
        assertThat(GroovyRuleEngine.outcome(blocked)).isEqualTo(RuleOutcome.DECIDED);
    }

    @Test
    void failingClosedIsAnErrorOrATimeout() {
        assertThat(GroovyRuleEngine.outcome(ThreadedRules.failClosed("NullPointerException: team")))
                .isEqualTo(RuleOutcome.ERROR);
        assertThat(GroovyRuleEngine.outcome(ThreadedRules.failClosed(ThreadedRules.OVERRAN + "100 ms")))
                .isEqualTo(RuleOutcome.TIMEOUT);
        assertThat(GroovyRuleEngine.outcome(ThreadedRules.failClosed(ProcessRules.RESTARTED)))
                .isEqualTo(RuleOutcome.TIMEOUT);
    }
}
