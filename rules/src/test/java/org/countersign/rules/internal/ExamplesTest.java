package org.countersign.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every script in {@code rules/examples} compiles and decides as its comment says, on realistic changes. */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final ThreadedRules ENGINE = new ThreadedRules(2_000);

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    private static String example(String name) throws IOException {
        return Files.readString(EXAMPLES.resolve(name + ".groovy"));
    }

    private static RuleContext change(String kind, String environment, String type, String role,
            Map<String, String> labels, List<String> owners, List<String> paths, ZonedDateTime now) {
        return new RuleContext(Map.of("kind", kind, "targetEnvironment", environment, "items", List.of("res_1")),
                Map.of("id", "res_1", "type", type, "name", "Example", "labels", labels, "owners", owners, "config",
                        Map.of()),
                Map.of("id", "usr_author", "email", "author@example.com", "role", role), paths, now,
                Map.of("slug", "acme", "settings", Map.of()));
    }

    private static RuleContext publish(String type, String role) {
        return change("publish", "production", type, role, Map.of(), List.of(), List.of("/config/query"),
                GroovyRuleEngineTest.MONDAY);
    }

    @Test
    void thereAreAtLeastEightExamplesAndAllCompile() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> scripts = files.filter(f -> f.toString().endsWith(".groovy")).toList();
            assertThat(scripts).hasSizeGreaterThanOrEqualTo(8);
            for (Path script : scripts) {
                assertThat(ENGINE.check(Files.readString(script))).as(script.toString()).isEmpty();
            }
        }
    }

    @Test
    void draftEditorsNeedApproval() throws IOException {
        String script = example("draft-editors-need-approval");
        assertThat(ENGINE.evaluate(script, publish("model", "workspace_draft_editor")).requireApproval()).isTrue();
        assertThat(ENGINE.evaluate(script, publish("model", "workspace_editor")).requireApproval()).isFalse();
    }

    @Test
    void policiesAndIntegrationsNeedTwoApprovals() throws IOException {
        RuleDecision policy = ENGINE.evaluate(example("minimum-approvers"), publish("policy", "admin"));
        assertThat(policy.requireApproval()).isTrue();
        assertThat(policy.requirements()).singleElement().satisfies(r -> assertThat(r.approvals()).isEqualTo(2));
        assertThat(ENGINE.evaluate(example("minimum-approvers"), publish("model", "admin")).requirements()).isEmpty();
    }

    @Test
    void governorsCannotApproveTheirOwnPolicies() throws IOException {
        RuleDecision decision = ENGINE.evaluate(example("governors-cannot-approve-own-policies"),
                publish("policy", "admin"));
        assertThat(decision.forbidSelfApproval()).isTrue();
        assertThat(decision.forbidContributorApproval()).isTrue();
        assertThat(ENGINE.evaluate(example("governors-cannot-approve-own-policies"), publish("sync", "admin"))
                .forbidSelfApproval()).isFalse();
    }

    @Test
    void dataOwnersReviewPoliciesOnTheirSources() throws IOException {
        String script = example("data-owners-review-their-sources");
        RuleDecision owned = ENGINE.evaluate(script, change("publish", "production", "policy", "admin", Map.of(),
                List.of("usr_owner"), List.of("/config/actions"), GroovyRuleEngineTest.MONDAY));
        assertThat(owned.requirements()).singleElement().satisfies(r -> assertThat(r.group()).isEqualTo("owners"));
        assertThat(ENGINE.evaluate(script, publish("policy", "admin")).requirements()).isEmpty();
    }

    @Test
    void promotionsAreReviewedByReleaseManagers() throws IOException {
        String script = example("promotion-reviewers");
        RuleDecision promotion = ENGINE.evaluate(script, change("promote", "production", "integration", "admin",
                Map.of(), List.of(), List.of(), GroovyRuleEngineTest.MONDAY));
        assertThat(promotion.requirements()).singleElement()
                .satisfies(r -> assertThat(r.members()).containsExactly("release_manager"));
        assertThat(promotion.reviewerEmails()).containsExactly("release-lead@example.com");
        assertThat(ENGINE.evaluate(script, publish("integration", "admin")).requirements()).isEmpty();
    }

    @Test
    void productionNeedsTwoApproversFromAdminsAndEditors() throws IOException {
        String script = example("production-two-approvers");
        RuleDecision production = ENGINE.evaluate(script, publish("model", "admin"));
        assertThat(production.requireApproval()).isTrue();
        assertThat(production.requirements()).singleElement()
                .satisfies(r -> assertThat(r.members()).containsExactly("admin", "workspace_editor"));
        assertThat(ENGINE.evaluate(script, change("publish", "staging", "model", "admin", Map.of(), List.of(),
                List.of(), GroovyRuleEngineTest.MONDAY)).requireApproval()).isFalse();
    }

    @Test
    void productionIsFrozenAtWeekends() throws IOException {
        String script = example("weekend-freeze");
        assertThat(ENGINE.evaluate(script, change("publish", "production", "model", "admin", Map.of(), List.of(),
                List.of(), GroovyRuleEngineTest.SATURDAY)).blocks()).containsExactly("production is frozen at weekends");
        assertThat(ENGINE.evaluate(script, publish("model", "admin")).blocks()).isEmpty();
    }

    @Test
    void scheduleOnlySyncEditsNeedOneApproval() throws IOException {
        String script = example("schedule-only-sync-edits");
        RuleContext schedule = change("publish", "production", "sync", "admin", Map.of(), List.of(),
                List.of("/config/schedule/cron"), GroovyRuleEngineTest.MONDAY);
        assertThat(ENGINE.evaluate(script, schedule).requirements()).hasSize(1);
        RuleContext mapping = change("publish", "production", "sync", "admin", Map.of(), List.of(),
                List.of("/config/schedule/cron", "/config/mappings"), GroovyRuleEngineTest.MONDAY);
        assertThat(ENGINE.evaluate(script, mapping).requirements()).isEmpty();
    }

    @Test
    void piiModelsNeedAnOwner() throws IOException {
        String script = example("pii-models-need-an-owner");
        RuleContext pii = change("publish", "production", "model", "admin", Map.of("pii", "true"), List.of("usr_o"),
                List.of(), GroovyRuleEngineTest.MONDAY);
        assertThat(ENGINE.evaluate(script, pii).requirements()).singleElement()
                .satisfies(r -> assertThat(r.group()).isEqualTo("owners"));
        assertThat(ENGINE.evaluate(script, publish("model", "admin")).requirements()).isEmpty();
    }

    @Test
    void financeAppliesByHand() throws IOException {
        String script = example("finance-applies-by-hand");
        RuleDecision finance = ENGINE.evaluate(script, change("publish", "production", "model", "admin",
                Map.of("team", "finance"), List.of(), List.of(), GroovyRuleEngineTest.MONDAY));
        assertThat(finance.applyManually()).isTrue();
        assertThat(finance.reviewerEmails()).containsExactly("finance-lead@example.com");
    }
}
