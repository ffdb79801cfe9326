package org.countersign.api.event;

import java.time.Instant;

/** A row of the in-app inbox: one event for one user, unique per (user, event). */
public record StoredInboxItem(String id, String userId, String workspaceId, String eventId, String type, String title,
        String text, String link, String requestId, Instant createdAt, Instant readAt) {
}
