package org.countersign.api.audit;

import java.util.Map;

/** What a caller asks to record; the audit log adds seq, time and hashes. {@code details} must be JSON-serialisable. */
public record AuditEntry(String scope, String actor, String action, String target, Map<String, Object> details,
        String requestId) {

    public AuditEntry {
        details = details == null ? Map.of() : details;
    }
}
