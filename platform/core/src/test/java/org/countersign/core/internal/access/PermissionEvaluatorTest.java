package org.countersign.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.countersign.api.access.Grant;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.access.Statement.Where;
import org.junit.jupiter.api.Test;

/** Custom-role semantics: deny over allow, label conditions, draftOnly, wildcards and manage. */
class PermissionEvaluatorTest {

    private static Role role(Statement... statements) {
        return new Role("custom", "", false, List.of(), List.of(statements));
    }

    private static Grant check(Role role, String action, String type, Map<String, String> labels) {
        return PermissionEvaluator.check(role, action, type, labels).grant();
    }

    @Test
    void denyWinsOverAllowWhateverTheOrder() {
        Statement allowAll = Statement.allow(List.of("*"), List.of("*"));
        Statement denyDelete = new Statement("deny", List.of("delete"), List.of("sync"), false, null);
        for (Role role : List.of(role(allowAll, denyDelete), role(denyDelete, allowAll))) {
            assertThat(check(role, "delete", "sync", Map.of())).isEqualTo(Grant.DENIED);
            assertThat(check(role, "delete", "model", Map.of())).isEqualTo(Grant.ALLOWED);
            assertThat(check(role, "update", "sync", Map.of())).isEqualTo(Grant.ALLOWED);
        }
    }

    @Test
    void labelConditionsNeedEveryLabel() {
        Role growth = role(new Statement("allow", List.of("read", "update"), List.of("sync"), false,
                new Where(Map.of("team", "growth", "tier", "gold"))));
        assertThat(check(growth, "update", "sync", Map.of("team", "growth", "tier", "gold", "x", "y")))
                .isEqualTo(Grant.ALLOWED);
        assertThat(check(growth, "update", "sync", Map.of("team", "growth"))).isEqualTo(Grant.DENIED);
        assertThat(check(growth, "update", "sync", Map.of("team", "finance", "tier", "gold"))).isEqualTo(Grant.DENIED);
        assertThat(check(growth, "update", "sync", Map.of())).isEqualTo(Grant.DENIED);
    }

    @Test
    void aLabelledDenyOnlyHitsResourcesWithThoseLabels() {
        Role role = role(Statement.allow(List.of("*"), List.of("*")),
                new Statement("deny", List.of("*"), List.of("*"), false, new Where(Map.of("pii", "true"))));
        assertThat(check(role, "read", "model", Map.of("pii", "true"))).isEqualTo(Grant.DENIED);
        assertThat(check(role, "read", "model", Map.of("pii", "false"))).isEqualTo(Grant.ALLOWED);
    }

    @Test
    void draftOnlyLimitsWritesButNotOtherActions() {
        Role role = role(Statement.allowDraftOnly(List.of("*"), List.of("model")));
        assertThat(check(role, "create", "model", Map.of())).isEqualTo(Grant.DRAFT_ONLY);
        assertThat(check(role, "update", "model", Map.of())).isEqualTo(Grant.DRAFT_ONLY);
        assertThat(check(role, "delete", "model", Map.of())).isEqualTo(Grant.DRAFT_ONLY);
        assertThat(check(role, "read", "model", Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(role, "preview", "model", Map.of())).isEqualTo(Grant.ALLOWED);
    }

    @Test
    void aFullAllowBeatsADraftOnlyAllow() {
        Role role = role(Statement.allowDraftOnly(List.of("*"), List.of("*")),
                Statement.allow(List.of("update"), List.of("source")));
        assertThat(check(role, "update", "source", Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(role, "update", "model", Map.of())).isEqualTo(Grant.DRAFT_ONLY);
    }

    @Test
    void theWildcardCoversResourceActionsButNeverManage() {
        Role everything = role(Statement.allow(List.of("*"), List.of("*")));
        assertThat(check(everything, "approve", "model", Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(everything, "a_plugin_action", "model", Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(everything, "manage", null, Map.of())).isEqualTo(Grant.DENIED);
        Role manager = role(Statement.allow(List.of("manage"), List.of("*")));
        assertThat(check(manager, "manage", null, Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(manager, "read", "model", Map.of())).isEqualTo(Grant.DENIED);
    }

    @Test
    void typesMustMatch() {
        Role role = role(Statement.allow(List.of("read"), List.of("model", "sync")));
        assertThat(check(role, "read", "sync", Map.of())).isEqualTo(Grant.ALLOWED);
        assertThat(check(role, "read", "source", Map.of())).isEqualTo(Grant.DENIED);
        assertThat(PermissionEvaluator.check(role, "read", "source", Map.of()).matched()).isEmpty();
    }

    @Test
    void noStatementsMeansNoAccess() {
        assertThat(check(role(), "read", "model", Map.of())).isEqualTo(Grant.DENIED);
        assertThat(check(role(), "manage", null, Map.of())).isEqualTo(Grant.DENIED);
    }
}
