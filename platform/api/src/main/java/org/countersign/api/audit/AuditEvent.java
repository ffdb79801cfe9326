package org.countersign.api.audit;

import java.time.Instant;

/**
 * One link of a hash-chained audit log (docs/domain.md#audit-log). {@code scope} names the chain: a workspace id, or
 * {@link #INSTANCE} for instance-level changes such as users and API keys. {@code details} is canonical JSON.
 * {@code hash} = SHA-256 over {@code prevHash} and the canonical event. Events are never updated or deleted.
 */
public record AuditEvent(
        String scope,
        long seq,
        Instant at,
        String actor,
        String action,
        String target,
        String details,
        String requestId,
        String prevHash,
        String hash) {

    public static final String INSTANCE = "instance";

    /** The {@code prevHash} of the first event of a chain. */
    public static final String GENESIS = "0".repeat(64);
}
