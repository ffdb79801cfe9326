package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patterns that backtrack catastrophically on Java's engine ({@code (.*a){20}} against {@code aaa...ab} runs for
 * hours in one uninterruptible call) answer at once on RE2/J; over a megabyte of text, where even linear
 * matching takes seconds, the deadline still stops them. Either way no rules thread is left running.
 */
class RunawayRegexTest {

    private static final long TIMEOUT_MS = 100;
    private static final ThreadedRules ENGINE = new ThreadedRules(TIMEOUT_MS);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    private static RuleContext named(String name) {
        return new RuleContext(Map.of("kind", "publish"), Map.of("type", "model", "name", name, "labels",
                Map.of("pattern", "(.*a){20}")), Map.of(), List.of(), GroovyRuleEngineTest.MONDAY, Map.of());
    }

    private static String rule(String condition) {
        return "rule 'runaway', {\n    when { " + condition + " }\n    requireApproval()\n}\n";
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "resource.name ==~ /(.*a){20}/             ; aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "resource.name =~ /(.*a){20}$/             ; aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "resource.name in ~/(a|aa)+c/              ; aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "resource.name.matches('(x+x+)+y')         ; xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "resource.name ==~ resource.labels.pattern ; aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    })
    void catastrophicPatternsAnswerAtOnce(String condition, String name) {
        String script = rule(condition.strip());
        assertThat(ENGINE.check(script)).isEmpty();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            RuleDecision decision = ENGINE.evaluate(script, named(name.strip()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(decision.blocks()).isEmpty();
            assertThat(decision.matchedRules()).isEmpty();
        }
        assertNoRulesThreadKeepsRunning();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "resource.name ==~ /(.*a){20}/",
        "resource.name =~ /(a{1000}){9}b/",
        "resource.name.split(/(.*a){20}/).length > 0",
        "resource.name.find(/(.*a){20}c/) != null",
    })
    void aLinearMatchOverAMegabyteStopsAtTheDeadline(String condition) {
        RuleContext megabyte = named("a".repeat(1 << 20) + "b");
        String script = rule(condition.strip());
        // compiling happens before the deadline starts, and only once
        assertThat(ENGINE.check(script)).isEmpty();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            RuleDecision decision = ENGINE.evaluate(script, megabyte);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(decision.requireApproval()).isTrue();
            assertThat(decision.blocks()).containsExactly("rules error: " + ThreadedRules.OVERRAN + TIMEOUT_MS + " ms");
        }
        assertNoRulesThreadKeepsRunning();
    }

    @Test
    void inAWorkerProcessTheWorkerAnswersAndIsKept() {
        try (ProcessRules rules = new ProcessRules(System.getProperty("java.class.path"), 2_000)) {
            String script = rule("resource.name ==~ /(.*a){20}/");
            RuleDecision decision = rules.evaluate(script, named("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"));
            assertThat(decision.blocks()).isEmpty();
            long worker = rules.workerPid();
            assertThat(rules.evaluate(script, named("aaab")).matchedRules()).isEmpty();
            assertThat(rules.workerPid()).as("no overrun, so the same worker").isEqualTo(worker);
        }
    }

    /** Interrupted rules threads end their evaluation; a runaway one would stay RUNNABLE. */
    static void assertNoRulesThreadKeepsRunning() {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (busyRulesThreads() > 0 && System.nanoTime() < deadline) {
            pause();
        }
        assertThat(busyRulesThreads()).isZero();
    }

    private static long busyRulesThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("countersign-rules") && t.getState() == Thread.State.RUNNABLE).count();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
