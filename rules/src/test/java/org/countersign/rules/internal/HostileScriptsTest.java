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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scripts that try to escape the sandbox. Each must be refused when it is saved (checked), and a script
 * that is refused must also fail closed if someone evaluates it anyway. The JVM running these tests staying
 * alive is part of the assertion: a System.exit that got through would end the run.
 */
class HostileScriptsTest {

    private static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "System.exit(1)",
        "Runtime.getRuntime().exec('touch /tmp/pwned')",
        "'touch /tmp/pwned'.execute()",
        "new File('/etc/passwd').text",
        "new Socket('example.com', 80)",
        "new URL('http://example.com').text",
        "this.class.classLoader",
        "''.class.forName('java.lang.Runtime')",
        "resource.getClass().getClassLoader()",
        "String.metaClass.boom = { -> 1 }",
        "resource.metaClass",
        "@Grab('org.example:evil:1.0') import org.example.Evil",
        "import java.io.File\nrule 'x', { requireApproval() }",
        "@groovy.transform.ASTTest(value = { System.exit(1) }) def x = 1",
        "class Evil { static { System.exit(1) } }",
        "def helper() { 1 }\nrule 'x', { requireApproval() }",
        "evaluate('System.exit(1)')",
        "Eval.me('1 + 1')",
        "new GroovyShell().evaluate('1')",
        "while (true) { }",
        "for (int i = 0; ; i++) { }",
        "(1..1000000000).sum()",
        "'a' * 1000000000",
        "rule 'x', { when { ['a'] * 1000000000 } }",
        "Thread.start { }",
        "new Thread({ -> }).start()",
        "rule 'x', { when { resource.config.put('x', 1) } }",
        "rule 'x', { when { change.items.clear() } }",
        "x = 1",
        "this.binding.variables",
        "rule 'x', { when { resource.labels.'class' } }",
        "rule 'x', { when { resource['class']['classLoader'] } }",
        "rule 'x', { when { change.items['class'] } }",
        "rule 'x', { when { java.util.regex.Pattern.compile('(.*a){20}') } }",
        "rule 'x', { when { com.google.re2j.Pattern.compile('a') } }",
        "\"${System.getenv()}\"",
        "java.lang.Runtime.runtime.exec('id')",
        "rule 'x', { when { resource.with { it } } }",
        "sleep(100000)",
        "def c = resource.labels.&get",
        "rule 'x', { delegate.requireApproval() }",
        "rule 'x', { owner.evaluate('1') }",
        "try { 1 } catch (e) { }",
        "throw new Error('x')",
        "synchronized (this) { }",
        "rule 'x', { when { resource.owners.each { println it } } }",
        "rule 'x', { when { change.kind as Class } }",
        "rule 'x', { when { resource.labels.collectEntries { [it.key, it.value] }.getClass() } }",
        "def a = [1]\ndef b = a + a\ndef c = b + b",
        "def s = 'ab'\ndef t = s + s",
        "def s = 'ab'\ndef t = \"${s}${s}\"",
        "def a = [1]\na << 2",
        "rule 'x', { when { change.items.inject([]) { acc, x -> acc } } }",
    })
    void isRefusedWhenSaved(String script) {
        var problems = ENGINE.check(script);
        assertThat(problems).as(script).isNotEmpty();
        RuleDecision anyway = ENGINE.evaluate(script, GroovyRuleEngineTest.context("publish",
                "production", "model", Map.of(), List.of(), GroovyRuleEngineTest.MONDAY));
        assertThat(anyway.requireApproval()).isTrue();
        assertThat(anyway.blocks()).singleElement().satisfies(b -> assertThat(b).startsWith("rules error:"));
    }

    @Test
    void aScriptThatRunsTooLongIsStoppedAndFailsClosed() {
        ThreadedRules strict = new ThreadedRules(100);
        try {
            String script = GroovyRuleEngineTest.SLOW;
            RuleContext context = GroovyRuleEngineTest.manyOwners();
            long started = System.nanoTime();
            RuleDecision decision = strict.evaluate(script, context);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(decision.requireApproval()).isTrue();
            assertThat(decision.blocks()).containsExactly("rules error: the rules took longer than 100 ms");
            // the injected interrupt checks end the runaway script: no rules worker keeps running
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (busyWorkers() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(busyWorkers()).isZero();
        } finally {
            strict.close();
        }
    }

    private static long busyWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("countersign-rules") && t.getState() == Thread.State.RUNNABLE).count();
    }
}
