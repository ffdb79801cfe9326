package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.StringGroovyMethods;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-ins answer as the JDK and Groovy methods they replace, and on the worst facts a request can carry
 * they stop soon after the deadline interrupts them, where the originals run for seconds to hours.
 */
class BoundedCallsTest {

    private static final ThreadedRules ENGINE = new ThreadedRules(100);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void searchesAnswerAsStringDoes() {
        String text = "orders-eu-2024-eu";
        for (String needle : List.of("eu", "2024", "", "x", "orders-eu-2024-eu", "orders-eu-2024-eu!")) {
            assertThat(BoundedCalls.contains(text, needle)).as(needle).isEqualTo(text.contains(needle));
            assertThat(BoundedCalls.contains((CharSequence) text, needle)).isEqualTo(StringGroovyMethods.contains(text, needle));
            assertThat(BoundedCalls.indexOf(text, needle)).as(needle).isEqualTo(text.indexOf(needle));
            for (int from : new int[] {-1, 0, 8, 16, 40}) {
                assertThat(BoundedCalls.indexOf(text, needle, from)).as(needle + " from " + from)
                        .isEqualTo(text.indexOf(needle, from));
            }
        }
        String big = "ab".repeat(200_000) + "needle" + "ab".repeat(100);
        String needle = "ab".repeat(5_000) + "needle";
        assertThat(BoundedCalls.indexOf(big, needle)).isEqualTo(big.indexOf(needle));
        assertThat(BoundedCalls.indexOf(big, needle + "x")).isEqualTo(-1);
        assertThat(BoundedCalls.indexOf(big, 'n')).isEqualTo(big.indexOf('n'));
        assertThat(BoundedCalls.indexOf(big, 'n', 400_001)).isEqualTo(-1);
    }

    @Test
    void collectionsAnswerAsGroovyDoes() {
        List<Object> left = List.of(1, 2L, "a", "b", "b", List.of("x"));
        List<Object> right = List.of(2, "b", 1L, List.of("x"));
        assertThat(BoundedCalls.containsAll(left, right)).isEqualTo(left.containsAll(right));
        assertThat(BoundedCalls.containsAll(left, List.of("a", "b"))).isTrue();
        assertThat(BoundedCalls.intersect(left, (Iterable<Object>) right))
                .isEqualTo(DefaultGroovyMethods.intersect(left, (Iterable<Object>) right));
        assertThat(BoundedCalls.minus(left, (Collection<Object>) right))
                .isEqualTo(DefaultGroovyMethods.minus(left, (Collection<Object>) right));
        assertThat(BoundedCalls.minus(left, "b")).isEqualTo(DefaultGroovyMethods.minus(left, "b"));
        Set<Object> set = new LinkedHashSet<>(left);
        assertThat(BoundedCalls.minus(set, (Collection<Object>) right)).isEqualTo(DefaultGroovyMethods.minus(set, right));
        assertThat(BoundedCalls.intersect(set, (Iterable<Object>) right))
                .isEqualTo(DefaultGroovyMethods.intersect(set, (Iterable<Object>) right));
        for (Object filter : new Object[] {"b", right, String.class, 2}) {
            assertThat(BoundedCalls.grep(left, filter)).as(String.valueOf(filter))
                    .isEqualTo(DefaultGroovyMethods.grep(left, filter));
        }
        assertThat(BoundedCalls.grep((Object) Map.of("k", "v"), Map.of("k", "v").entrySet()))
                .isEqualTo(DefaultGroovyMethods.grep((Object) Map.of("k", "v"), Map.of("k", "v").entrySet()));
        List<Object> withNull = Arrays.asList("a", null, List.of(1, 2));
        assertThat(BoundedCalls.join(withNull, ", ")).isEqualTo(DefaultGroovyMethods.join(withNull, ", "));
        assertThat(BoundedCalls.join(withNull)).isEqualTo(DefaultGroovyMethods.join(withNull));
        assertThat(BoundedCalls.join(new String[] {"a", "b"}, "-")).isEqualTo("a-b");
    }

    @Test
    void joinAndIsNumberRefuseWhatNoFactsCanNeed() {
        List<String> items = Collections.nCopies(5_000, "x");
        assertThatThrownBy(() -> BoundedCalls.join(items, "-".repeat(1_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
        assertThat(BoundedCalls.isNumber("12.5e3")).isTrue();
        assertThat(BoundedCalls.isNumber("12x")).isFalse();
        assertThat(BoundedCalls.isNumber("1".repeat(BoundedCalls.MAX_NUMBER_LENGTH))).isTrue();
        assertThat(BoundedCalls.isNumber("1".repeat(BoundedCalls.MAX_NUMBER_LENGTH + 1))).isFalse();
    }

    @Test
    void theWorstCasesStopSoonAfterTheInterrupt() throws InterruptedException {
        String text = "a".repeat(700_000);
        String needle = "a".repeat(300_000) + "b";
        List<String> left = strings(60_000, "l");
        List<String> reversed = new ArrayList<>(left);
        Collections.reverse(reversed);
        List<Object> maps = new ArrayList<>();
        List<Object> otherMaps = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            maps.add(Map.of("k", "l" + i));
            otherMaps.add(Map.of("k", "r" + i));
        }
        Map<String, Runnable> worst = Map.of(
                "contains", () -> BoundedCalls.contains(text, needle),
                "indexOf", () -> BoundedCalls.indexOf(text, needle, 0),
                "containsAll", () -> BoundedCalls.containsAll(left, reversed),
                "intersect", () -> BoundedCalls.intersect(maps, (Iterable<Object>) otherMaps),
                "minus", () -> BoundedCalls.minus(maps, (Collection<Object>) otherMaps),
                "grep", () -> BoundedCalls.grep(left, reversed),
                "matches", () -> BoundedCalls.matches(text + "b", "(.*a){20}"));
        for (Map.Entry<String, Runnable> call : worst.entrySet()) {
            AtomicReference<Throwable> ended = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    call.getValue().run();
                } catch (RuntimeException e) {
                    ended.set(e);
                }
            });
            thread.start();
            thread.join(100);
            assertThat(thread.isAlive()).as(call.getKey() + " still works at the deadline").isTrue();
            thread.interrupt();
            thread.join(Duration.ofSeconds(2).toMillis());
            assertThat(thread.isAlive()).as(call.getKey() + " stops").isFalse();
            assertThat(ended.get()).as(call.getKey()).isInstanceOf(CancellationException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "change.items.containsAll(resource.owners)",
        "change.items.grep(resource.owners)",
        "resource.name.contains(resource.labels.needle)",
        "resource.name.indexOf(resource.labels.needle) >= 0",
    })
    void inAScriptTheyEndAtTheDeadline(String condition) {
        List<String> items = strings(60_000, "l");
        List<String> owners = new ArrayList<>(items);
        Collections.reverse(owners);
        RuleContext context = new RuleContext(Map.of("kind", "publish", "items", items), Map.of("type", "model",
                "name", "a".repeat(700_000), "owners", owners, "labels", Map.of("needle", "a".repeat(300_000) + "b")),
                Map.of(), List.of(), GroovyRuleEngineTest.MONDAY, Map.of());
        String script = "rule 'slow', {\n    when { " + condition + " }\n    requireApproval()\n}\n";
        assertThat(ENGINE.check(script)).isEmpty();
        long started = System.nanoTime();
        RuleDecision decision = ENGINE.evaluate(script, context);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(decision.blocks()).containsExactly("rules error: " + ThreadedRules.OVERRAN + "100 ms");
        RunawayRegexTest.assertNoRulesThreadKeepsRunning();
    }

    @Test
    void operatorsAndOrdinaryCallsStillWork() {
        RuleContext context = new RuleContext(Map.of("kind", "publish", "items", List.of("a", "b", "c")),
                Map.of("type", "model", "name", "orders-eu", "owners", List.of("b", "c", "d"), "labels", Map.of()),
                Map.of(), List.of(), GroovyRuleEngineTest.MONDAY, Map.of());
        for (String condition : List.of("change.items - resource.owners == ['a']",
                "change.items.minus(resource.owners) == ['a']", "change.items.intersect(resource.owners).size() == 2",
                "!change.items.containsAll(resource.owners)", "change.items.grep(resource.owners) == ['b', 'c']",
                "change.items.join('+') == 'a+b+c'", "resource.name.contains('eu')", "resource.name.indexOf('eu') == 7",
                "resource.name.indexOf('-', 2) == 6", "'42'.isNumber()", "change.items*.contains('a') == [true, false, false]")) {
            String script = "rule 'r', {\n    when { " + condition + " }\n    requireApproval()\n}\n";
            assertThat(ENGINE.check(script)).as(condition).isEmpty();
            assertThat(ENGINE.evaluate(script, context).matchedRules()).as(condition).containsExactly("r");
        }
    }

    private static List<String> strings(int count, String prefix) {
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(prefix + i);
        }
        return list;
    }
}
