package org.countersign.http.internal.throttle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slows down guessing of credentials (API tokens now, console passwords later) per client address.
 *
 * <p>Failed attempts are counted in a sliding window; the attempt that reaches {@link Limits#maxFailures}
 * blocks the client for {@link Limits#firstBlock}, and each further block doubles that up to
 * {@link Limits#maxBlock}. While blocked, {@link #refusal} refuses the client's attempts before the credential
 * is looked at, so a blocked guesser learns nothing from the answers. Credentials that succeeded from that
 * client before are still let through (the client's address may be shared, e.g. by a proxy, with someone
 * whose credential works). The escalation is forgotten once a client has gone {@code maxBlock} after its
 * last failure or block without failing again.
 *
 * <p>Memory is bounded: at most {@link Limits#maxClients} clients are tracked (the least recently seen is
 * dropped first), each with at most {@code maxFailures} timestamps and {@link Limits#knownCredentials}
 * remembered credentials, kept as 64-bit digests rather than in clear. Thread-safe.
 */
public final class CredentialThrottle {

    /** The thresholds; every value must be positive. */
    public record Limits(int maxFailures, Duration window, Duration firstBlock, Duration maxBlock, int maxClients,
            int knownCredentials) {

        public Limits {
            requirePositive("maxFailures", maxFailures);
            requirePositive("maxClients", maxClients);
            requirePositive("knownCredentials", knownCredentials);
            requirePositive("window", window.toMillis());
            requirePositive("firstBlock", firstBlock.toMillis());
            if (maxBlock.compareTo(firstBlock) < 0) {
                throw new IllegalArgumentException("maxBlock must not be shorter than firstBlock");
            }
        }

        private static void requirePositive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final Map<String, ClientRecord> clients;

    public CredentialThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        // access order: a client seen recently stays, the one seen longest ago is dropped when full
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ClientRecord> eldest) {
                return size() > limits.maxClients();
            }
        };
    }

    /**
     * Empty when {@code client} may try {@code credential} now; otherwise how long until it may try again.
     * Call before checking the credential.
     */
    public synchronized Optional<Duration> refusal(String client, String credential) {
        ClientRecord record = clients.get(client);
        if (record == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!record.blockedAt(now) || record.knows(digest(credential))) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, record.blockedUntil));
    }

    /** {@code credential} worked from {@code client}: it may still be used there while the client is blocked. */
    public synchronized void succeeded(String client, String credential) {
        clients.computeIfAbsent(client, c -> new ClientRecord()).remember(digest(credential), limits.knownCredentials());
    }

    /**
     * {@code credential} failed from {@code client}; answers whether this failure blocked the client. Failures
     * while it is blocked already are not counted.
     */
    public synchronized boolean failed(String client, String credential) {
        Instant now = clock.instant();
        ClientRecord record = clients.computeIfAbsent(client, c -> new ClientRecord());
        record.forget(digest(credential));
        if (record.blockedAt(now)) {
            return false;
        }
        if (Duration.between(record.quietSince(), now).compareTo(limits.maxBlock()) > 0) {
            record.blocks = 0;
        }
        record.lastFailure = now;
        Instant windowStart = now.minus(limits.window());
        while (!record.failures.isEmpty() && !record.failures.peekFirst().isAfter(windowStart)) {
            record.failures.removeFirst();
        }
        record.failures.addLast(now);
        if (record.failures.size() < limits.maxFailures()) {
            return false;
        }
        record.failures.clear();
        record.blockedUntil = now.plus(blockLength(record.blocks));
        record.blocks++;
        return true;
    }

    /** The number of clients tracked right now. */
    public synchronized int trackedClients() {
        return clients.size();
    }

    /** {@code firstBlock} doubled per earlier block, at most {@code maxBlock}. */
    private Duration blockLength(int earlierBlocks) {
        Duration length = limits.firstBlock();
        for (int i = 0; i < earlierBlocks && length.compareTo(limits.maxBlock()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(limits.maxBlock()) > 0 ? limits.maxBlock() : length;
    }

    /** The first 64 bits of the credential's SHA-256: enough to recognise it, useless to recover it. */
    private static long digest(String credential) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    /** What is known of one client; guarded by the throttle's lock. */
    private static final class ClientRecord {
        private final ArrayDeque<Instant> failures = new ArrayDeque<>();
        private final Set<Long> knownCredentials = new LinkedHashSet<>();
        private Instant blockedUntil = Instant.MIN;
        private Instant lastFailure = Instant.MIN;
        private int blocks;

        boolean blockedAt(Instant now) {
            return now.isBefore(blockedUntil);
        }

        /** Since when the client has neither failed nor been blocked. */
        Instant quietSince() {
            return lastFailure.isAfter(blockedUntil) ? lastFailure : blockedUntil;
        }

        boolean knows(long credential) {
            return knownCredentials.contains(credential);
        }

        /** Keeps the most recently successful credentials, dropping the oldest beyond {@code max}. */
        void remember(long credential, int max) {
            knownCredentials.remove(credential);
            knownCredentials.add(credential);
            Iterator<Long> oldest = knownCredentials.iterator();
            while (knownCredentials.size() > max) {
                oldest.next();
                oldest.remove();
            }
        }

        void forget(long credential) {
            knownCredentials.remove(credential);
        }
    }
}
