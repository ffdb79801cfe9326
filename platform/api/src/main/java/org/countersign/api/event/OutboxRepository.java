package org.countersign.api.event;

import java.time.Instant;
import java.util.List;

public interface OutboxRepository {

    void add(OutboxEntry entry);

    /** Entries not yet dispatched, oldest first. */
    List<OutboxEntry> pending(int limit);

    /** How many entries wait to be dispatched. */
    long pendingCount();

    /** Marks an entry dispatched; false when it was already. */
    boolean markDispatched(String id, Instant at);

    /** Deletes up to {@code limit} entries dispatched before {@code cutoff}; answers how many went. */
    int deleteDispatchedBefore(Instant cutoff, int limit);
}
