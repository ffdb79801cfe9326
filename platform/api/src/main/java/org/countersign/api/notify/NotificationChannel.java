package org.countersign.api.notify;

/**
 * A way to deliver notifications (email, Slack, webhook), contributed by a plugin bundle as an OSGi service.
 * The core's dispatcher calls {@link #send} from its own worker threads; a channel that is not installed
 * keeps its deliveries waiting until it is.
 */
public interface NotificationChannel {

    /** The channel type the workspace settings name: {@code email}, {@code slack} or {@code webhook}. */
    String type();

    /**
     * Sends one delivery and returns once the receiver has accepted it.
     *
     * @throws DeliveryException when it was not accepted; retried later unless {@link DeliveryException#permanent()}
     */
    void send(Delivery delivery) throws DeliveryException;
}
