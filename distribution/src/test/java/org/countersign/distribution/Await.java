package org.countersign.distribution;

import java.time.Duration;
import java.time.Instant;

/** Retries an assertion until it holds or the time is up (hot deploy, restarts): no bare sleeps in tests. */
final class Await {

    private Await() {
    }

    static void until(Duration timeout, Runnable assertion) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            RunningCountersign.sleep(100);
        }
    }
}
