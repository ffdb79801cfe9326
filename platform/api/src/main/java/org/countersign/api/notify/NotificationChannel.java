package org.countersign.api.notify;

import java.util.Optional;

/**
 * A way to deliver notifications (email, Slack, webhook), contributed by a plugin bundle as an OSGi service.
 * The core's dispatcher calls {@link #send} from its own worker threads; a channel that is not installed
 * keeps its deliveries waiting until it is.
 */
public interface NotificationChannel {

    /** The channel type the workspace settings name: {@code email}, {@code slack} or {@code webhook}. */
    String type();

    /**
     * Why the channel cannot send anything right now (say, email without {@code smtp.host}), or empty when it
     * can. Its deliveries wait meanwhile instead of spending their attempts.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /**
     * Sends one delivery and returns once the receiver has accepted it.
     *
     * @throws DeliveryException when it was not accepted; retried later unless {@link DeliveryException#permanent()}
     */
    void send(Delivery delivery) throws DeliveryException;
}
