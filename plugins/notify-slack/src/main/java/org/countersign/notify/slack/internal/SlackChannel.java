package org.countersign.notify.slack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.JsonPost;
import org.countersign.api.notify.JsonPostConfiguration;
import org.countersign.api.notify.NotificationChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * Posts notifications to Slack incoming webhooks. The webhook URL is a credential, so failures name only its
 * origin (scheme, host and port), never its path.
 */
@Component(service = NotificationChannel.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class SlackChannel implements NotificationChannel {

    static final String TYPE = "slack";
    /** Slack's answers for a malformed payload or a revoked, disabled or unknown webhook: retrying cannot help. */
    private static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 410);
    /** Slack explains a refusal in a short code such as {@code invalid_token}. */
    private static final Pattern SLACK_ERROR = Pattern.compile("[a-z_]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonPost post;

    @Activate
    public SlackChannel(JsonPostConfiguration config) {
        this.post = new JsonPost(config);
    }

    SlackChannel(boolean denyPrivate, Duration timeout) {
        this.post = new JsonPost(denyPrivate, timeout);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void send(Delivery delivery) throws DeliveryException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(SlackMessage.render(JSON, delivery.notification()));
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the message cannot be written as JSON", true, e);
        }
        JsonPost.Answer answer = post.post(delivery.url(), body, Map.of());
        if (answer.accepted()) {
            return;
        }
        String reason = answer.body() == null ? "" : answer.body().strip();
        throw new DeliveryException("HTTP " + answer.status() + " from " + answer.origin()
                + (SLACK_ERROR.matcher(reason).matches() ? " (" + reason + ")" : ""),
                PERMANENT.contains(answer.status()), null);
    }
}
