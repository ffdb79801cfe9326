package org.countersign.core.internal.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

public final class Times {

    private Times() {
    }

    /** Now, at the millisecond precision storage keeps, so that what is written equals what is read back. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
