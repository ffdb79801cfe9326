package org.countersign.api.notify;

import java.util.List;
import java.util.Map;

/**
 * One message about one event for one channel target: recipients (user emails for email, none for
 * Slack and webhooks), a subject, a plain-text body, a link, the event payload and the channel settings.
 */
public record Notification(
        String id,
        String eventType,
        List<String> recipients,
        String subject,
        String text,
        String link,
        Map<String, Object> payload,
        Map<String, Object> channelSettings) {
}
