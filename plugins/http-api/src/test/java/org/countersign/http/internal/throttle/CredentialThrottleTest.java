package org.countersign.http.internal.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The throttle's rules, on a clock the test moves by hand. */
class CredentialThrottleTest {

    private static final String CLIENT = "192.0.2.1";
    private static final String OTHER_CLIENT = "192.0.2.2";
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration FIRST_BLOCK = Duration.ofMinutes(1);
    private static final Duration MAX_BLOCK = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock();
    private CredentialThrottle throttle = new CredentialThrottle(
            new CredentialThrottle.Limits(3, WINDOW, FIRST_BLOCK, MAX_BLOCK, 100, 2), clock);

    private boolean failTimes(String client, int times) {
        boolean blocked = false;
        for (int i = 0; i < times; i++) {
            blocked = throttle.failed(client, "bad-" + i);
        }
        return blocked;
    }

    @Test
    void aClientIsBlockedOnTheFailureThatReachesTheLimit() {
        assertThat(throttle.failed(CLIENT, "bad-1")).isFalse();
        assertThat(throttle.failed(CLIENT, "bad-2")).isFalse();
        assertThat(throttle.refusal(CLIENT, "next")).isEmpty();
        assertThat(throttle.failed(CLIENT, "bad-3")).isTrue();
        assertThat(throttle.refusal(CLIENT, "next")).contains(FIRST_BLOCK);
        clock.advance(Duration.ofSeconds(20));
        assertThat(throttle.refusal(CLIENT, "next")).contains(Duration.ofSeconds(40));
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() {
        failTimes(CLIENT, 2);
        clock.advance(WINDOW.plusMillis(1));
        assertThat(throttle.failed(CLIENT, "bad-3")).isFalse();
        assertThat(throttle.failed(CLIENT, "bad-4")).isFalse();
        assertThat(throttle.refusal(CLIENT, "next")).isEmpty();
        assertThat(throttle.failed(CLIENT, "bad-5")).isTrue();
    }

    @Test
    void theBlockEndsAfterItsLength() {
        failTimes(CLIENT, 3);
        clock.advance(FIRST_BLOCK.minusMillis(1));
        assertThat(throttle.refusal(CLIENT, "next")).contains(Duration.ofMillis(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.refusal(CLIENT, "next")).isEmpty();
    }

    @Test
    void otherClientsAreNotAffected() {
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(OTHER_CLIENT, "any")).isEmpty();
        assertThat(throttle.failed(OTHER_CLIENT, "bad")).isFalse();
        assertThat(throttle.refusal(OTHER_CLIENT, "any")).isEmpty();
    }

    @Test
    void credentialsThatWorkedBeforeTheBlockStillPass() {
        throttle.succeeded(CLIENT, "good-token");
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "good-token")).isEmpty();
        assertThat(throttle.refusal(CLIENT, "new-valid-token")).isPresent();
        // known at one address only
        failTimes(OTHER_CLIENT, 3);
        assertThat(throttle.refusal(OTHER_CLIENT, "good-token")).isPresent();
    }

    @Test
    void aKnownCredentialThatFailsIsForgotten() {
        throttle.succeeded(CLIENT, "revoked-later");
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "revoked-later")).isEmpty();
        throttle.failed(CLIENT, "revoked-later");
        assertThat(throttle.refusal(CLIENT, "revoked-later")).isPresent();
    }

    @Test
    void onlyTheMostRecentKnownCredentialsAreKept() {
        throttle.succeeded(CLIENT, "first");
        throttle.succeeded(CLIENT, "second");
        throttle.succeeded(CLIENT, "first");
        throttle.succeeded(CLIENT, "third");
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "first")).isEmpty();
        assertThat(throttle.refusal(CLIENT, "third")).isEmpty();
        assertThat(throttle.refusal(CLIENT, "second")).isPresent();
    }

    @Test
    void failuresWhileBlockedNeitherCountNorExtendTheBlock() {
        failTimes(CLIENT, 3);
        clock.advance(Duration.ofSeconds(30));
        assertThat(failTimes(CLIENT, 10)).isFalse();
        assertThat(throttle.refusal(CLIENT, "next")).contains(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        // the failures made while blocked were not counted towards the next block
        assertThat(failTimes(CLIENT, 2)).isFalse();
    }

    @Test
    void eachFurtherBlockDoublesUpToTheCap() {
        Duration[] expected = {Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), MAX_BLOCK, MAX_BLOCK};
        for (Duration length : expected) {
            assertThat(failTimes(CLIENT, 3)).isTrue();
            assertThat(throttle.refusal(CLIENT, "next")).contains(length);
            clock.advance(length);
            assertThat(throttle.refusal(CLIENT, "next")).isEmpty();
        }
    }

    @Test
    void theEscalationIsForgottenAfterAQuietMaxBlock() {
        failTimes(CLIENT, 3);
        clock.advance(FIRST_BLOCK);
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "next")).contains(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2));
        // right after a block, still remembered
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "next")).contains(Duration.ofMinutes(4));
        clock.advance(Duration.ofMinutes(4).plus(MAX_BLOCK).plusMillis(1));
        failTimes(CLIENT, 3);
        assertThat(throttle.refusal(CLIENT, "next")).contains(FIRST_BLOCK);
    }

    @Test
    void memoryIsBoundedByEvictingTheLeastRecentlySeenClient() {
        throttle = new CredentialThrottle(new CredentialThrottle.Limits(3, WINDOW, FIRST_BLOCK, MAX_BLOCK, 3, 2), clock);
        failTimes("10.0.0.1", 3);
        throttle.succeeded("10.0.0.2", "t");
        throttle.succeeded("10.0.0.3", "t");
        // touching the first keeps it; the second is now the least recently seen
        assertThat(throttle.refusal("10.0.0.1", "x")).isPresent();
        throttle.succeeded("10.0.0.4", "t");
        assertThat(throttle.trackedClients()).isEqualTo(3);
        assertThat(throttle.refusal("10.0.0.1", "x")).isPresent();
        failTimes("10.0.0.5", 1);
        assertThat(throttle.trackedClients()).isEqualTo(3);
        assertThat(throttle.refusal("10.0.0.1", "x")).isPresent();
        // once it is the least recently seen, it is dropped, and starts afresh
        throttle.succeeded("10.0.0.6", "t");
        throttle.succeeded("10.0.0.7", "t");
        throttle.succeeded("10.0.0.8", "t");
        assertThat(throttle.refusal("10.0.0.1", "x")).isEmpty();
        assertThat(throttle.trackedClients()).isEqualTo(3);
    }

    @Test
    void limitsMustBeSensible() {
        assertThatThrownBy(() -> new CredentialThrottle.Limits(0, WINDOW, FIRST_BLOCK, MAX_BLOCK, 10, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFailures");
        assertThatThrownBy(() -> new CredentialThrottle.Limits(3, Duration.ZERO, FIRST_BLOCK, MAX_BLOCK, 10, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> new CredentialThrottle.Limits(3, WINDOW, MAX_BLOCK, FIRST_BLOCK, 10, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBlock");
        assertThatThrownBy(() -> new CredentialThrottle.Limits(3, WINDOW, FIRST_BLOCK, MAX_BLOCK, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxClients");
        assertThatThrownBy(() -> new CredentialThrottle.Limits(3, WINDOW, FIRST_BLOCK, MAX_BLOCK, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("knownCredentials");
    }

    @Test
    void anUnknownClientIsNeverRefused() {
        assertThat(throttle.refusal("203.0.113.9", "anything")).isEqualTo(Optional.empty());
        assertThat(throttle.trackedClients()).isZero();
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
