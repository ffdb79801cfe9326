package org.countersign.resource.integration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntegrationResourceTypeTest {

    private final IntegrationResourceType type = new IntegrationResourceType();

    @Test
    void isGovernedByBuildAndConnectors() {
        assertThat(type.name()).isEqualTo("integration");
        assertThat(type.governed()).isTrue();
        assertThat(type.approvalRelevantPaths()).containsExactly("/project", "/version", "/connectors");
        assertThat(type.configSchema()).contains("\"version\"").contains("\"pattern\"");
    }
}
