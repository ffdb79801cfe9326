package org.countersign.resource.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.countersign.api.resource.Reference;
import org.junit.jupiter.api.Test;

class PolicyResourceTypeTest {

    private final PolicyResourceType type = new PolicyResourceType();

    @Test
    void isGovernedAndEveryRuleOfThePolicyNeedsApproval() {
        assertThat(type.name()).isEqualTo("policy");
        assertThat(type.governed()).isTrue();
        assertThat(type.approvalRelevantPaths()).contains("/actions", "/conditions", "/dataSources")
                .doesNotContain("/description");
        assertThat(type.configSchema()).contains("\"mask\"", "\"redact\"", "\"limit_rows\"");
    }

    @Test
    void referencesTheDataSourcesItAppliesTo() {
        assertThat(type.references(Map.of("dataSources", List.of("res_a", "res_b")))).containsExactly(
                new Reference("/dataSources/0", "source", "res_a"), new Reference("/dataSources/1", "source", "res_b"));
    }
}
