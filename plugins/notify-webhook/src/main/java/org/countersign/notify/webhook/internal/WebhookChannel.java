package org.countersign.notify.webhook.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.JsonPost;
import org.countersign.api.notify.JsonPostConfiguration;
import org.countersign.api.notify.Notification;
import org.countersign.api.notify.NotificationChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Posts notifications as JSON to a workspace's HTTP endpoint, signed per the Standard Webhooks specification so
 * the receiver can check that they come from this instance, are recent, and are not replays.
 */
@Component(service = NotificationChannel.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class WebhookChannel implements NotificationChannel {

    static final String TYPE = "webhook";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost post;

    @Activate
    public WebhookChannel(JsonPostConfiguration config) {
        this.post = new JsonPost(config);
    }

    WebhookChannel(boolean denyPrivate, Duration timeout) {
        this.post = new JsonPost(denyPrivate, timeout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryException {
        if (delivery.id() == null || delivery.id().isBlank()) {
            throw DeliveryException.permanent("the delivery has no id to send as webhook-id");
        }
        // signed and sent as the same bytes, so re-serializing cannot make the signature disagree with the body
        byte[] body = payload(delivery.notification());
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(delivery.secret(), delivery.id(), timestamp, body);
        Map<String, String> headers = new LinkedHashMap<>();
        // the delivery id, unchanged on retries, lets the receiver drop duplicates
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        JsonPost.Answer answer = post.post(delivery.url(), body, headers);
        if (!answer.accepted()) {
            // 410 Gone is how a receiver asks to stop; anything else (3xx included) may be temporary
            throw new DeliveryException("HTTP " + answer.status() + " from " + answer.origin(), answer.status() == 410,
                    null);
        }
    }

    /** {@code {"type", "timestamp", "data": {...}}}, the Standard Webhooks payload shape. */
    static byte[] payload(Notification n) throws DeliveryException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("eventId", n.eventId());
        data.put("workspace", n.workspaceSlug());
        data.put("workspaceName", n.workspaceName());
        data.put("title", n.title());
        data.put("text", n.text());
        data.put("link", n.link());
        // the documented fields above keep their meaning even if the event carries one of the same name
        n.data().forEach((key, value) -> {
            if (!data.containsKey(key)) {
                data.put(key, value);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", n.type());
        body.put("timestamp", n.occurredAt() == null ? null : n.occurredAt().toString());
        body.put("data", data);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // the same data will fail the same way on every retry
            throw new DeliveryException("the event data cannot be written as JSON", true, e);
        }
    }
}
