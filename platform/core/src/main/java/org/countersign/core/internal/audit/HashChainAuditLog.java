package org.countersign.core.internal.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.audit.AuditVerification;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.Tx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The append-only, hash-chained audit log of docs/domain.md#audit-log; one chain per scope. */
@Component(service = AuditLog.class)
public class HashChainAuditLog implements AuditLog {

    private static final int VERIFY_BATCH = 1000;

    private final Store store;

    @Activate
    public HashChainAuditLog(@Reference Store store) {
        this.store = store;
    }

    @Override
    public AuditEvent append(Tx tx, AuditEntry entry) {
        AuditEvent head = tx.audit().head(entry.scope()).orElse(null);
        long seq = head == null ? 1 : head.seq() + 1;
        String prevHash = head == null ? AuditEvent.GENESIS : head.hash();
        // stored with millisecond precision, so hash what will be read back
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String details = CanonicalJson.write(entry.details());
        String hash = AuditHasher.hash(prevHash, entry.scope(), seq, at, entry.actor(), entry.action(), entry.target(),
                details, entry.requestId());
        AuditEvent event = new AuditEvent(entry.scope(), seq, at, entry.actor(), entry.action(), entry.target(), details,
                entry.requestId(), prevHash, hash);
        tx.audit().append(event);
        return event;
    }

    @Override
    public List<AuditEvent> list(String scope, long afterSeq, int limit) {
        return store.read(tx -> tx.audit().list(scope, afterSeq, limit));
    }

    @Override
    public AuditVerification verify(String scope) {
        long expectedSeq = 1;
        String prevHash = AuditEvent.GENESIS;
        while (true) {
            long after = expectedSeq - 1;
            List<AuditEvent> batch = store.read(tx -> tx.audit().list(scope, after, VERIFY_BATCH));
            for (AuditEvent event : batch) {
                boolean linked = event.seq() == expectedSeq && event.prevHash().equals(prevHash);
                if (!linked || !hashMatches(event)) {
                    return new AuditVerification(false, expectedSeq - 1, prevHash, expectedSeq);
                }
                prevHash = event.hash();
                expectedSeq++;
            }
            if (batch.size() < VERIFY_BATCH) {
                return new AuditVerification(true, expectedSeq - 1, prevHash, null);
            }
        }
    }

    /** A row whose details were edited into something that is not a JSON object is as broken as a wrong hash. */
    private static boolean hashMatches(AuditEvent event) {
        try {
            return AuditHasher.hash(event).equals(event.hash());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
