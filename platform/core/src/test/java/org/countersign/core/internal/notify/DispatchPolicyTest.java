package org.countersign.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.countersign.core.internal.config.Configs;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void retriesDoubleFromTheFirstDelayWithinTenPercentAndStopAtTheCap() {
        DispatchPolicy policy = new DispatchPolicy(500, 10, 1_000, 60_000, 10_000, 30);
        assertThat(delay(policy, 1)).isBetween(900L, 1_100L);
        assertThat(delay(policy, 2)).isBetween(1_800L, 2_200L);
        assertThat(delay(policy, 3)).isBetween(3_600L, 4_400L);
        assertThat(delay(policy, 9)).isBetween(54_000L, 66_000L);
    }

    @Test
    void theLastAttemptHasNoRetry() {
        DispatchPolicy policy = new DispatchPolicy(500, 3, 1_000, 60_000, 10_000, 30);
        assertThat(policy.retryAt(2, NOW)).isNotNull();
        assertThat(policy.retryAt(3, NOW)).isNull();
    }

    @Test
    void defaultsComeFromTheDocumentedKeysAndNonsenseIsRefused() {
        DispatchPolicy defaults = DispatchPolicy.from(Configs.core(Map.of()));
        assertThat(defaults).isEqualTo(new DispatchPolicy(500, 10, 1_000, 3_600_000, 10_000, 30));
        assertThat(defaults.lease()).isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> DispatchPolicy.from(Configs.core(Map.of("notify.max.attempts", 0))))
                .hasMessageContaining("notify.max.attempts must be at least 1");
    }

    private static long delay(DispatchPolicy policy, int attempt) {
        return Duration.between(NOW, policy.retryAt(attempt, NOW)).toMillis();
    }
}
