package org.countersign.api.notify;

import java.util.concurrent.CompletableFuture;

/**
 * A delivery channel (email, Slack, webhook) contributed by a plugin bundle and selected by its
 * {@link #id()}, which is also registered as the service property {@code channel}.
 */
public interface NotificationChannel {

    /** The stable channel id, e.g. {@code email}. */
    String id();

    /** Delivers one notification; completes exceptionally when it must be retried. */
    CompletableFuture<Void> deliver(Notification notification);
}
