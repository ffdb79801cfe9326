package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The DSL of docs/domain.md#approval-rules against realistic changes. */
class GroovyRuleEngineTest {

    static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    /** A Saturday, so the weekend freeze applies. */
    static final ZonedDateTime SATURDAY = ZonedDateTime.of(2026, 11, 21, 10, 0, 0, 0, ZoneId.of("UTC"));
    static final ZonedDateTime MONDAY = SATURDAY.plusDays(2);

    static final String DSL_EXAMPLE = """
            rule 'production changes need two approvers', {
                when { change.targetEnvironment == 'production' && change.kind in ['publish', 'delete'] }
                requireApproval()                               // also for roles that may publish directly
                approvals 2, from: role('admin', 'workspace_editor')
            }
            rule 'PII models need an owner', {
                when { resource.type == 'model' && resource.labels.pii == 'true' }
                approvals 1, from: owners()
            }
            rule 'four eyes', {
                forbidSelfApproval()
                forbidContributorApproval()
            }
            rule 'weekend freeze', {
                when { now.dayOfWeek in ['SATURDAY', 'SUNDAY'] && change.targetEnvironment == 'production' }
                block 'production is frozen at weekends'
            }
            rule 'schedule-only sync edits', {
                when { resource.type == 'sync' && diff.onlyTouches('/schedule') }
                approvals 1
            }
            """;

    /** Allowed calls only, but a billion closure calls over a thousand owners: only a deadline stops it. */
    static final String SLOW = """
            rule 'slow', {
                when { resource.owners.any { a -> resource.owners.any { b -> resource.owners.any { c -> false } } } }
                requireApproval()
            }
            """;

    static RuleContext manyOwners() {
        List<String> owners = IntStream.range(0, 1_000).mapToObj(i -> "usr_" + i).toList();
        return new RuleContext(Map.of("kind", "publish"), Map.of("type", "model", "owners", owners), Map.of(),
                List.of(), MONDAY, Map.of());
    }

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    static RuleContext context(String kind, String env, String type, Map<String, String> labels, List<String> paths,
            ZonedDateTime now) {
        return new RuleContext(Map.of("kind", kind, "targetEnvironment", env, "items", List.of("res_1")),
                Map.of("id", "res_1", "type", type, "name", "Thing", "labels", labels, "owners", List.of("usr_o"),
                        "config", Map.of("schedule", Map.of("type", "cron"))),
                Map.of("id", "usr_a", "email", "ada@example.com", "role", "workspace_draft_editor"), paths, now,
                Map.of("slug", "growth", "settings", Map.of("requireApprovals", true)));
    }

    @Test
    void theSpecExampleDecidesAsWritten() {
        assertThat(ENGINE.check(DSL_EXAMPLE)).isEmpty();

        RuleDecision production = ENGINE.evaluate(DSL_EXAMPLE, context("publish", "production", "model",
                Map.of("pii", "true"), List.of("/config/query"), MONDAY));
        assertThat(production.requireApproval()).isTrue();
        assertThat(production.requirements()).containsExactly(
                new RuleDecision.Requirement("production changes need two approvers", 2, "role",
                        List.of("admin", "workspace_editor")),
                new RuleDecision.Requirement("PII models need an owner", 1, "owners", List.of()));
        assertThat(production.forbidSelfApproval()).isTrue();
        assertThat(production.forbidContributorApproval()).isTrue();
        assertThat(production.blocks()).isEmpty();
        assertThat(production.matchedRules()).containsExactly("production changes need two approvers",
                "PII models need an owner", "four eyes");

        RuleDecision weekend = ENGINE.evaluate(DSL_EXAMPLE, context("publish", "production", "model", Map.of(),
                List.of("/config/query"), SATURDAY));
        assertThat(weekend.blocks()).containsExactly("production is frozen at weekends");

        RuleDecision staging = ENGINE.evaluate(DSL_EXAMPLE, context("publish", "staging", "sync", Map.of(),
                List.of("/config/schedule/type"), SATURDAY));
        assertThat(staging.requireApproval()).isFalse();
        assertThat(staging.blocks()).isEmpty();
        assertThat(staging.requirements()).containsExactly(
                new RuleDecision.Requirement("schedule-only sync edits", 1, "anyone", List.of()));

        RuleDecision description = ENGINE.evaluate(DSL_EXAMPLE, context("publish", "staging", "sync", Map.of(),
                List.of("/config/description"), MONDAY));
        assertThat(description.requirements()).isEmpty();
    }

    @Test
    void reviewersAndManualApplyAreRecorded() {
        String script = """
                rule 'finance reviews', {
                    when { resource.labels.team == 'finance' }
                    reviewers users('cfo@example.com')
                    applyManually()
                }
                """;
        RuleDecision decision = ENGINE.evaluate(script, context("publish", "production", "model",
                Map.of("team", "finance"), List.of(), MONDAY));
        assertThat(decision.reviewerEmails()).containsExactly("cfo@example.com");
        assertThat(decision.applyManually()).isTrue();
    }

    @Test
    void collectionsAndStringsCanBeUsedInConditions() {
        String script = """
                rule 'owners', {
                    when { resource.owners.any { it.startsWith('usr_') } && resource.name.toLowerCase().contains('thing') }
                    requireApproval()
                }
                """;
        assertThat(ENGINE.evaluate(script, context("publish", "production", "model", Map.of(), List.of(), MONDAY))
                .requireApproval()).isTrue();
        assertThat(ENGINE.check("rule 'late', {\n  when { now.hour + 1 > 18 || now.minute * 2 > 100 }\n  requireApproval()\n}"))
                .as("arithmetic on numbers stays allowed").isEmpty();
    }

    @Test
    void compilingHappensOncePerScript() {
        String script = "rule 'cached', { requireApproval() }";
        assertThat(ENGINE.isCached(script)).isFalse();
        ENGINE.evaluate(script, context("publish", "production", "model", Map.of(), List.of(), MONDAY));
        assertThat(ENGINE.isCached(script)).isTrue();
    }

    @Test
    void aScriptThatThrowsFailsClosed() {
        String script = """
                rule 'broken', {
                    when { resource.labels.missing.length() > 0 }
                    requireApproval()
                }
                """;
        RuleDecision decision = ENGINE.evaluate(script, context("publish", "production", "model", Map.of(), List.of(),
                MONDAY));
        assertThat(decision.requireApproval()).isTrue();
        assertThat(decision.blocks()).singleElement().satisfies(b -> assertThat(b).startsWith("rules error:"));
    }

    @Test
    void problemsComeBackWithLineAndColumn() {
        assertThat(ENGINE.check("rule 'x', {\n  when { chnage.kind == 'publish' }\n}")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(10);
            assertThat(p.message()).contains("chnage");
        });
        assertThat(ENGINE.check("rule 'x', {\n  when { change.kind == }\n}")).singleElement()
                .satisfies(p -> assertThat(p.line()).isPositive());
    }

}
