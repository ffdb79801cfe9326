package org.countersign.core.internal.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.api.audit.AuditEvent;
import org.countersign.core.internal.support.Sha256;

/**
 * The chain's hash function: {@code hash = sha256hex(prevHash + "\n" + canonical event)}, where the
 * canonical event is the sorted, compact JSON of scope, seq, at (ISO-8601, milliseconds), actor, action,
 * target, details and requestId.
 */
final class AuditHasher {

    /** Always three fraction digits, so the text does not depend on how many milliseconds happen to be zero. */
    static final DateTimeFormatter AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditHasher() {
    }

    static String hash(String prevHash, String scope, long seq, Instant at, String actor, String action, String target,
            String details, String requestId) {
        Map<String, Object> event = canonicalEvent(scope, seq, at, actor, action, target, details, requestId);
        return Sha256.hex(prevHash + "\n" + CanonicalJson.write(event));
    }

    /** The fields that are hashed, as written to an export line. */
    static Map<String, Object> canonicalEvent(String scope, long seq, Instant at, String actor, String action,
            String target, String details, String requestId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("scope", scope);
        event.put("seq", seq);
        event.put("at", AT_FORMAT.format(at));
        event.put("actor", actor);
        event.put("action", action);
        event.put("target", target);
        event.put("details", CanonicalJson.readObject(details));
        event.put("requestId", requestId);
        return event;
    }

    /** An export line: the canonical event plus its links, so that a file verifies without the server. */
    static String exportLine(AuditEvent e) {
        Map<String, Object> line = canonicalEvent(e.scope(), e.seq(), e.at(), e.actor(), e.action(), e.target(),
                e.details(), e.requestId());
        line.put("prevHash", e.prevHash());
        line.put("hash", e.hash());
        return CanonicalJson.write(line);
    }

    static String hash(AuditEvent e) {
        return hash(e.prevHash(), e.scope(), e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details(), e.requestId());
    }
}
