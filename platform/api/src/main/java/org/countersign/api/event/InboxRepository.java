package org.countersign.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface InboxRepository {

    /** Adds a notification; false when the user already has one for that event (a repeated fan-out). */
    boolean add(StoredInboxItem item);

    /** The user's notifications with ids below {@code beforeId} (all when null), newest first. */
    List<StoredInboxItem> page(String userId, boolean unreadOnly, String beforeId, int limit);

    long unreadCount(String userId);

    Optional<StoredInboxItem> byId(String userId, String id);

    /** Marks one read unless it already is; false when nothing changed. */
    boolean markRead(String userId, String id, Instant at);

    int markAllRead(String userId, Instant at);
}
