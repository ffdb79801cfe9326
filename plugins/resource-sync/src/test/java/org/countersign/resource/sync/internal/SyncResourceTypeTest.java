package org.countersign.resource.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.countersign.api.resource.Reference;
import org.junit.jupiter.api.Test;

class SyncResourceTypeTest {

    private final SyncResourceType type = new SyncResourceType();

    @Test
    void isGovernedWithTheSeedActions() {
        assertThat(type.name()).isEqualTo("sync");
        assertThat(type.governed()).isTrue();
        assertThat(type.actions()).containsExactly("start", "enable", "debugger", "testrow");
    }

    @Test
    void configurationAndScheduleNeedApprovalButNotTheDescription() {
        assertThat(type.approvalRelevantPaths()).contains("/schedule", "/mappings", "/mode", "/modelId")
                .doesNotContain("/description");
    }

    @Test
    void referencesItsModelAndDestination() {
        assertThat(type.references(Map.of("modelId", "res_m", "destinationId", "res_d"))).containsExactly(
                new Reference("/modelId", "model", "res_m"), new Reference("/destinationId", "destination", "res_d"));
        assertThat(type.references(Map.of("modelId", 42))).isEmpty();
    }

    @Test
    void cronSchedulesAreValidated() {
        assertThat(type.validate(Map.of("schedule", Map.of("type", "cron", "cron", "0 6 * * MON-FRI")))).isEmpty();
        assertThat(type.validate(Map.of("schedule", Map.of("type", "cron", "cron", "61 * * * *"))))
                .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/schedule/cron"));
        assertThat(type.validate(Map.of("schedule", Map.of("type", "cron", "cron", "every day"))))
                .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/schedule/cron"));
        assertThat(type.validate(Map.of("schedule", Map.of("type", "cron")))).hasSize(1);
        assertThat(type.validate(Map.of("schedule", Map.of("type", "interval")))).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/schedule/everyMinutes"));
        assertThat(type.validate(Map.of("schedule", Map.of("type", "manual")))).isEmpty();
    }
}
