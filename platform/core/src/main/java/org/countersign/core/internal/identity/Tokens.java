package org.countersign.core.internal.identity;

import java.security.SecureRandom;
import java.util.Base64;
import org.countersign.core.internal.support.Sha256;

/** Bearer tokens: 32 random bytes, base64url, with a recognisable prefix; stored only as their SHA-256. */
public final class Tokens {

    public static final String PREFIX = "cs_";
    /** Shortest token accepted from configuration ({@code admin.token}). */
    public static final int MIN_CONFIGURED_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String token) {
        return Sha256.hex(token);
    }
}
