package org.countersign.core.internal.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.api.notify.Notification;
import org.countersign.core.internal.support.JsonText;

/** The rendered notification as stored with each delivery, so that every retry sends the same words. */
final class NotificationJson {

    private NotificationJson() {
    }

    static String write(Notification n) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventId", n.eventId());
        json.put("type", n.type());
        json.put("occurredAt", n.occurredAt().toString());
        json.put("workspaceSlug", n.workspaceSlug());
        json.put("workspaceName", n.workspaceName());
        json.put("title", n.title());
        json.put("text", n.text());
        json.put("link", n.link());
        json.put("data", n.data());
        return JsonText.write(json);
    }

    @SuppressWarnings("unchecked")
    static Notification read(String text) {
        Map<String, Object> json = JsonText.read(text, JsonText.TREE);
        return new Notification((String) json.get("eventId"), (String) json.get("type"),
                Instant.parse((String) json.get("occurredAt")), (String) json.get("workspaceSlug"),
                (String) json.get("workspaceName"), (String) json.get("title"), (String) json.get("text"),
                (String) json.get("link"), (Map<String, Object>) json.get("data"));
    }
}
