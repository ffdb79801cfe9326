package org.countersign.api.notify;

import java.time.Instant;

/** One entry of a user's in-app inbox; {@code readAt} is null while unread. */
public record InboxNotification(String id, String workspace, String type, String title, String text, String link,
        String requestId, Instant createdAt, Instant readAt) {
}
