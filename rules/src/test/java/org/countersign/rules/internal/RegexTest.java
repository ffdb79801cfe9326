package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regular expressions in rules run on RE2/J: the operators, pattern literals and String methods behave as they
 * do in Groovy for the patterns rules use, and patterns RE2 cannot run are refused where they are written.
 */
class RegexTest {

    private static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    /** A model named {@code orders-eu-2024}, owned by two users, with a pattern and a team among its labels. */
    private static final RuleContext CONTEXT = new RuleContext(
            Map.of("kind", "publish", "targetEnvironment", "production", "items", List.of("res_1")),
            Map.of("id", "res_1", "type", "model", "name", "orders-eu-2024",
                    "labels", Map.of("team", "Finance", "pattern", "orders-[a-z]+-\\d{4}", "backref", "(a)\\1"),
                    "owners", List.of("usr_ada", "usr_bob", "svc_sync"), "config", Map.of("region", "eu-west-1")),
            Map.of("id", "usr_ada", "email", "ada@example.com", "role", "workspace_editor"), List.of("/config/query"),
            GroovyRuleEngineTest.MONDAY, Map.of("slug", "growth", "settings", Map.of()));

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    private static String rule(String condition) {
        return "rule 'r', {\n    when { " + condition + " }\n    requireApproval()\n}\n";
    }

    private static RuleDecision decide(String condition) {
        String script = rule(condition);
        assertThat(ENGINE.check(script)).as(condition).isEmpty();
        RuleDecision decision = ENGINE.evaluate(script, CONTEXT);
        assertThat(decision.blocks()).as(condition).isEmpty();
        return decision;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "resource.name ==~ /orders-[a-z]+-\\d{4}/",
        "resource.name ==~ 'orders-.*'",
        "!(resource.name ==~ /orders/)",
        "resource.name =~ /eu/",
        "resource.name =~ /^orders/",
        "!(resource.name =~ /us/)",
        "resource.name =~ /\\b2024$/",
        "resource.labels.team =~ /(?i)finance/",
        "resource.name in ~/orders-\\w+-\\d+/",
        "!(resource.name in ~/eu/)",
        "resource.name ==~ ~/orders.*/",
        "resource.owners.grep(~/usr_.*/) == ['usr_ada', 'usr_bob']",
        "resource.owners.any { it ==~ /svc_\\w+/ }",
        "resource.name.matches('orders-(eu|us)-[0-9]{4}')",
        "resource.name.find(/\\d+/) == '2024'",
        "resource.name.find(/xyz/) == null",
        "resource.name.split('-').length == 3",
        "resource.name.split('-')[1] == 'eu'",
        "resource.name.split(/-/, 2)[1] == 'eu-2024'",
        "resource.config.region ==~ /[a-z]+-[a-z]+-\\d/",
        "resource.name ==~ resource.labels.pattern",
        "actor.email ==~ /[^@]+@example\\.com/",
        "!(resource.labels.missing ==~ /.*/)",
        "!(resource.labels.missing =~ /.*/)",
    })
    void patternsMatchAsInGroovy(String condition) {
        assertThat(decide(condition).matchedRules()).as(condition).containsExactly("r");
    }

    @Test
    void splitFollowsStringSplit() {
        for (String[] split : new String[][] {
            {"a,b,,", ","}, {",a", ","}, {"abc", ""}, {"", ","}, {"a.b", "\\."}, {"a.b", "."}, {"a1b22c", "\\d+"},
            {"x  y\tz", "\\s+"}, {",", ","}, {"a,b,c", ",", "2"}, {"a,b,,", ",", "-1"}}) {
            int limit = split.length > 2 ? Integer.parseInt(split[2]) : 0;
            assertThat(Regex.split(split[0], split[1], limit)).as(String.join(" / ", split))
                    .containsExactly(split[0].split(split[1], limit));
        }
    }

    @Test
    void aSwitchOnAPatternUsesIt() {
        String script = """
                rule 'r', {
                    when {
                        switch (resource.name) {
                            case ~/orders-.*/: return true
                            default: return false
                        }
                    }
                    requireApproval()
                }
                """;
        assertThat(ENGINE.check(script)).isEmpty();
        assertThat(ENGINE.evaluate(script, CONTEXT).matchedRules()).containsExactly("r");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "resource.name ==~ /(a)\\1/",
        "resource.name =~ /(?=orders)o/",
        "resource.name ==~ /(?<!x)orders.*/",
        "resource.name in ~/a++/",
        "resource.name.matches('(x+x+)+y\\\\1')",
        "resource.name.split('[')",
        "resource.name.find(/(?!a)b/)",
        "resource.name ==~ /((a{100}){100}){100}/",
    })
    void patternsRe2CannotRunAreRefusedWhereTheyAreWritten(String condition) {
        String script = rule(condition);
        assertThat(ENGINE.check(script)).as(condition).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(12 + condition.indexOf(literalStart(condition)));
            assertThat(problem.message()).containsAnyOf("unsupported regular expression", "too large");
        });
    }

    /** The pattern literal's first character: the one after the operator or the opening parenthesis. */
    private static String literalStart(String condition) {
        int slash = condition.indexOf('/');
        int quote = condition.indexOf('\'');
        int first = slash < 0 ? quote : quote < 0 ? slash : Math.min(slash, quote);
        return condition.substring(first, first + 1);
    }

    @Test
    void unsupportedPatternsMessagesSayWhy() {
        assertThat(ENGINE.check(rule("resource.name ==~ /(a)\\1/"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("unsupported regular expression: invalid escape "
                        + "sequence in \\1 (rules use RE2 syntax, which has no back-references or look-around)"));
    }

    @Test
    void aPatternFromTheFactsThatRe2CannotRunFailsClosed() {
        RuleDecision decision = ENGINE.evaluate(rule("resource.name ==~ resource.labels.backref"), CONTEXT);
        assertThat(decision.requireApproval()).isTrue();
        assertThat(decision.blocks()).singleElement()
                .satisfies(b -> assertThat(b).startsWith("rules error: IllegalArgumentException: unsupported regular "
                        + "expression: invalid escape sequence"));
    }

    @Test
    void tildeOnlyMakesPatternsOfStrings() {
        assertThat(ENGINE.check(rule("~5"))).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(12);
            assertThat(p.message()).contains("rules have no bitwise operators");
        });
        RuleDecision number = ENGINE.evaluate(rule("resource.name in ~resource.config.missing"), CONTEXT);
        assertThat(number.blocks()).singleElement().satisfies(b -> assertThat(b).contains("~ makes a pattern of a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "java.util.regex.Pattern.compile('a').matcher('a').matches()",
        "java.util.regex.Pattern.matches('a', 'a')",
        "com.google.re2j.Pattern.matches('a', 'a')",
        "(resource.name =~ /a/).group()",
        "resource.name.replaceAll(/a/, 'b')",
        "resource.name.findAll(/a/)",
        "resource.name.tokenize('-')",
    })
    void javasRegexAndRe2jAreNotReachable(String condition) {
        assertThat(ENGINE.check(rule(condition))).as(condition).isNotEmpty();
    }

    @Test
    void theSandboxHidesBothRegexEngines() {
        assertThat(SandboxClassLoader.visible("java.util.regex.Pattern")).isFalse();
        assertThat(SandboxClassLoader.visible("java.util.regex.Matcher")).isFalse();
        assertThat(SandboxClassLoader.visible("com.google.re2j.Pattern")).isFalse();
        assertThat(SandboxClassLoader.visible(Regex.class.getName())).isTrue();
    }
}
