package org.countersign.api.notify;

import java.time.Instant;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.Page;

/** The in-app inbox of docs/domain.md#notifications and the delivery log a workspace admin watches. */
public interface NotificationService {

    /** The caller's notifications across workspaces, newest first. */
    InboxPage inbox(Actor actor, boolean unreadOnly, String cursor, Integer limit);

    /** Marks one of the caller's notifications read; 404 when it is not theirs. Marking twice is harmless. */
    InboxNotification markRead(Actor actor, String notificationId);

    /** Marks every unread notification of the caller read; answers how many changed. */
    int markAllRead(Actor actor);

    /** Sends a dead delivery again, with a fresh set of attempts (workspace admins); 409 unless it is dead. */
    DeliveryStatus retry(Actor actor, String slug, String deliveryId);

    /** Sends every dead delivery of the workspace again (of one channel, unless null); answers how many. */
    int retryDead(Actor actor, String slug, String channel);

    /** The workspace's deliveries, newest first, optionally in one state (workspace admins). */
    Page<DeliveryStatus> deliveries(Actor actor, String slug, String state, String cursor, Integer limit);

    /**
     * Sends a test message through the workspace's notification channel at {@code index} now (workspace admins),
     * to the caller for email; answers whether the receiver accepted it and, if not, why.
     */
    TestResult test(Actor actor, String slug, int index);

    /**
     * Emails {@code userId} their invite link through the email channel, when it can send (best effort: the link is
     * also given to the admin who made it); answers whether the mail server accepted it.
     */
    boolean emailInvite(String userId, String link, Instant expiresAt);

    /** The outcome of a test message. */
    record TestResult(boolean ok, String error) {
    }
}
