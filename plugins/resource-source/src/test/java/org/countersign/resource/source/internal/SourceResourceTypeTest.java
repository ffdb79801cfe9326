package org.countersign.resource.source.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceResourceTypeTest {

    private final SourceResourceType type = new SourceResourceType();

    @Test
    void isAnUngovernedTypeWithPreview() {
        assertThat(type.name()).isEqualTo("source");
        assertThat(type.governed()).isFalse();
        assertThat(type.actions()).containsExactly("preview");
    }

    @Test
    void keepsSecretsWriteOnlyAndTheirChangesApprovalRelevant() {
        assertThat(type.writeOnlyPaths()).containsExactly("/secrets");
        assertThat(type.approvalRelevantPaths()).contains("/connection", "/secrets");
    }

    @Test
    void schemaDescribesTheSupportedWarehouses() {
        assertThat(type.configSchema())
                .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"snowflake\"", "\"bigquery\"", "\"postgres\"", "\"redshift\"", "\"databricks\"")
                .contains("\"additionalProperties\": false");
    }
}
