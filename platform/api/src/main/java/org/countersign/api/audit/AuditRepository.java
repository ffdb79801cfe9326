package org.countersign.api.audit;

import java.util.List;
import java.util.Optional;

/** Storage of audit events. Lives in the audit package so that storage stays free of chain logic. */
public interface AuditRepository {

    /** The last event of a chain. In a write transaction the implementation holds the chain until commit. */
    Optional<AuditEvent> head(String scope);

    void append(AuditEvent event);

    /** Events of a chain with {@code seq > afterSeq}, oldest first. */
    List<AuditEvent> list(String scope, long afterSeq, int limit);
}
