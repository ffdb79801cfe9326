package org.countersign.rules.internal;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a compiled rules script takes to decide one item (docs/architecture.md#qualities: microseconds, not
 * milliseconds): {@code decide} runs the compiled docs/domain.md#approval-rules example in the calling thread; {@code
 * evaluate} is the engine's whole path, including the hand-off to a worker thread with a deadline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleDecisionBenchmark {

    private ThreadedRules engine;
    private Class<? extends RulesScript> compiled;
    private RuleContext context;

    @Setup
    public void setUp() {
        engine = new ThreadedRules(1_000);
        compiled = new ScriptCompiler().compile(GroovyRuleEngineTest.DSL_EXAMPLE);
        context = new RuleContext(Map.of("kind", "publish", "targetEnvironment", "production", "items", List.of("r")),
                Map.of("id", "r", "type", "model", "name", "Users", "labels", Map.of("pii", "true"), "owners",
                        List.of("usr_o"), "config", Map.of("query", "select 1")),
                Map.of("id", "usr_a", "email", "a@example.com", "role", "workspace_draft_editor"),
                List.of("/config/query"), ZonedDateTime.of(2026, 11, 23, 10, 0, 0, 0, ZoneId.of("UTC")),
                Map.of("slug", "growth", "settings", Map.of()));
        engine.evaluate(GroovyRuleEngineTest.DSL_EXAMPLE, context);
    }

    @TearDown
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public List<RuleSpec> decide() throws Exception {
        RulesScript script = compiled.getDeclaredConstructor().newInstance();
        FactsMapper.apply(script, context);
        return script.decide();
    }

    @Benchmark
    public RuleDecision evaluate() {
        return engine.evaluate(GroovyRuleEngineTest.DSL_EXAMPLE, context);
    }
}
