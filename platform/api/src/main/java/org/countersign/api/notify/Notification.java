package org.countersign.api.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one event says, rendered once by the core when the event is fanned out and sent unchanged on every
 * attempt: a one-line {@code title}, a plain-text {@code text} of a few lines, a {@code link} to the request
 * (absolute when {@code public.url} is set) and the event's {@code data} for machine readers (webhooks).
 *
 * @param eventId the outbox event id, the same for every channel and recipient
 * @param type the event type, e.g. {@code request.submitted}
 */
public record Notification(String eventId, String type, Instant occurredAt, String workspaceSlug, String workspaceName,
        String title, String text, String link, Map<String, Object> data) {

    public Notification {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(type);
        // kept in order and with null values, as the event wrote them
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
