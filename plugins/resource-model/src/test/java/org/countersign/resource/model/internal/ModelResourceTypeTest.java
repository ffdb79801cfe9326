package org.countersign.resource.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.countersign.api.resource.Reference;
import org.junit.jupiter.api.Test;

class ModelResourceTypeTest {

    private final ModelResourceType type = new ModelResourceType();

    @Test
    void isGovernedWithPreview() {
        assertThat(type.name()).isEqualTo("model");
        assertThat(type.governed()).isTrue();
        assertThat(type.actions()).containsExactly("preview");
    }

    @Test
    void theQueryKeyAndColumnsNeedApprovalButNotTheDescription() {
        assertThat(type.approvalRelevantPaths()).contains("/query", "/primaryKey", "/columns", "/sourceId")
                .doesNotContain("/description");
        assertThat(type.textDiffPaths()).containsExactly("/query");
    }

    @Test
    void referencesItsSource() {
        assertThat(type.references(Map.of("sourceId", "res_1", "query", "select 1")))
                .containsExactly(new Reference("/sourceId", "source", "res_1"));
        assertThat(type.references(Map.of("query", "select 1"))).isEmpty();
    }

    @Test
    void schemaIsStrict() {
        assertThat(type.configSchema()).contains("\"additionalProperties\": false").contains("\"query\"");
    }
}
