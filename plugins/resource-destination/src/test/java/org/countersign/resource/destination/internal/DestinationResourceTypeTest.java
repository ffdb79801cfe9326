package org.countersign.resource.destination.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DestinationResourceTypeTest {

    private final DestinationResourceType type = new DestinationResourceType();

    @Test
    void isUngovernedAndKeepsSecretsWriteOnly() {
        assertThat(type.name()).isEqualTo("destination");
        assertThat(type.governed()).isFalse();
        assertThat(type.writeOnlyPaths()).containsExactly("/secrets");
    }

    @Test
    void schemaListsTheSeedDestinations() {
        assertThat(type.configSchema()).contains("\"salesforce\"", "\"hubspot\"", "\"braze\"", "\"marketo\"");
    }
}
