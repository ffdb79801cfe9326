package org.countersign.resource.audience.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.countersign.api.resource.Reference;
import org.junit.jupiter.api.Test;

class AudienceResourceTypeTest {

    private final AudienceResourceType type = new AudienceResourceType();

    @Test
    void isUngovernedAndReferencesItsParentModel() {
        assertThat(type.name()).isEqualTo("audience");
        assertThat(type.governed()).isFalse();
        assertThat(type.references(Map.of("parentModelId", "res_m")))
                .containsExactly(new Reference("/parentModelId", "model", "res_m"));
        assertThat(type.configSchema()).contains("\"conditions\"").contains("\"additionalProperties\": false");
    }
}
