package org.countersign.core.internal.support;

import java.security.SecureRandom;

/**
 * Opaque ids that sort by creation order: a prefix, then 48 bits of milliseconds and 80 random bits in
 * Crockford base32 (the ULID layout), e.g. {@code usr_01JD3ZK8M4V7Q2X9T6R5N1B0CA}. Within one millisecond the
 * random part counts up from the previous id (monotonic ULIDs), so ids made one after another in this process
 * always sort in that order, which keyset pages and "newest first" lists rely on.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FORTY_BITS = (1L << 40) - 1;

    private static long lastMillis = -1;
    private static long high; // upper 40 of the 80 random bits
    private static long low; // lower 40

    private Ids() {
    }

    public static String next(String prefix) {
        long millis;
        long randomHigh;
        long randomLow;
        synchronized (Ids.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                byte[] random = new byte[10];
                RANDOM.nextBytes(random);
                high = 0;
                low = 0;
                for (int i = 0; i < 5; i++) {
                    high = (high << 8) | (random[i] & 0xff);
                    low = (low << 8) | (random[i + 5] & 0xff);
                }
            } else {
                // the same millisecond (or the clock stepped back): count up, carrying into the high bits
                low = (low + 1) & FORTY_BITS;
                if (low == 0) {
                    high = (high + 1) & FORTY_BITS;
                    if (high == 0) {
                        lastMillis++;
                    }
                }
            }
            millis = lastMillis;
            randomHigh = high;
            randomLow = low;
        }
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (randomHigh & 31)];
            randomHigh >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (randomLow & 31)];
            randomLow >>>= 5;
        }
        return prefix + "_" + new String(out);
    }
}
