package org.countersign.api.audit;

import java.util.List;
import org.countersign.api.storage.Tx;

/** Appends to and reads the hash-chained audit log. */
public interface AuditLog {

    /** Appends an event to its scope's chain inside the caller's write transaction. */
    AuditEvent append(Tx tx, AuditEntry entry);

    /** Events of a chain with {@code seq > afterSeq}, oldest first. */
    List<AuditEvent> list(String scope, long afterSeq, int limit);

    /** Recomputes a chain and reports the first broken link. */
    AuditVerification verify(String scope);
}
