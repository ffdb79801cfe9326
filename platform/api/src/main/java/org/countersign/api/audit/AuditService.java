package org.countersign.api.audit;

import java.util.function.Consumer;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.Page;

/**
 * A workspace's audit log as its members see it (docs/domain.md#audit-log); reading events and exporting need {@code
 * manage}.
 */
public interface AuditService {

    /**
     * Events with {@code seq > afterSeq}, oldest first; {@code limit} null for the default. The page's
     * {@code next} is the last seq returned, to pass as {@code afterSeq}, when more events follow.
     */
    Page<AuditEvent> events(Actor actor, String slug, long afterSeq, Integer limit);

    /** Recomputes the workspace's chain. */
    AuditVerification verify(Actor actor, String slug);

    /**
     * Streams the whole chain as JSON Lines: each line is the canonical event that was hashed, plus
     * {@code prevHash} and {@code hash}, so that a file can be verified offline.
     */
    void export(Actor actor, String slug, Consumer<String> lines);
}
