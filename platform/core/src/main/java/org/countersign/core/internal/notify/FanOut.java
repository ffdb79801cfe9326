package org.countersign.core.internal.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.event.StoredDelivery;
import org.countersign.api.event.StoredInboxItem;
import org.countersign.api.identity.User;
import org.countersign.api.notify.DeliveryStatus;
import org.countersign.api.notify.Notification;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.countersign.core.internal.request.RequestAudience;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.workspace.SettingsCodec;

/**
 * Turns one outbox event into what each configured channel must send, in the transaction that marks the
 * event dispatched: inbox entries for the people who hear of it, one email delivery per recipient, one Slack
 * message per request event, one webhook call per event. A crash before commit leaves the event pending, so
 * fanning out again produces the same rows once.
 */
final class FanOut {

    private static final int USER_BATCH = 500;

    private final RequestAudience audience;
    private final NotificationRenderer renderer;

    FanOut(RequestAudience audience, NotificationRenderer renderer) {
        this.audience = audience;
        this.renderer = renderer;
    }

    void dispatch(Tx tx, OutboxEntry entry, Instant now) {
        // marked first: when two dispatchers (nodes) race for an event, the second changes nothing
        if (tx.outbox().markDispatched(entry.id(), now) && entry.scope() != null) {
            tx.workspaces().byId(entry.scope()).ifPresent(workspace -> fanOut(tx, workspace, entry, now));
        }
    }

    private void fanOut(Tx tx, StoredWorkspace workspace, OutboxEntry entry, Instant now) {
        Map<String, Object> payload = JsonText.read(entry.payload(), JsonText.TREE);
        // resource events may name the request that caused them, but only request events are about one
        boolean aboutRequest = entry.type().startsWith("request.");
        String requestId = payload.get("requestId") instanceof String id ? id : null;
        Optional<StoredRequest> request = aboutRequest && requestId != null
                ? tx.requests().byId(workspace.id(), requestId) : Optional.empty();
        Notification notification = renderer.render(tx, workspace, entry, payload, request);
        List<User> users = users(tx, request.map(r -> audience.recipients(tx, workspace, r, entry.type(), payload))
                .orElse(Set.of()));
        for (User user : users) {
            tx.inbox().add(new StoredInboxItem(Ids.next("ntf"), user.id(), workspace.id(), entry.id(), entry.type(),
                    notification.title(), notification.text(), notification.link(), requestId, entry.createdAt(), null));
        }
        String message = NotificationJson.write(notification);
        for (NotificationTarget target : SettingsCodec.read(workspace.settingsJson()).notifications()) {
            switch (target.type()) {
                case "email" -> users.forEach(user -> add(tx, workspace, entry, target, user.email(), message, now));
                case "slack" -> {
                    if (aboutRequest) {
                        add(tx, workspace, entry, target, null, message, now);
                    }
                }
                default -> add(tx, workspace, entry, target, null, message, now);
            }
        }
    }

    /** The recipients' accounts, in the audience's order, read in batches. */
    private static List<User> users(Tx tx, Set<String> ids) {
        Map<String, User> byId = new HashMap<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += USER_BATCH) {
            tx.users().byIds(all.subList(from, Math.min(all.size(), from + USER_BATCH)))
                    .forEach(user -> byId.put(user.id(), user));
        }
        return all.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    private static void add(Tx tx, StoredWorkspace workspace, OutboxEntry entry, NotificationTarget target,
            String recipient, String message, Instant now) {
        tx.deliveries().add(new StoredDelivery(Ids.next("dlv"), workspace.id(), entry.id(), entry.type(), target.type(),
                recipient, target.url(), target.secret(), message, DeliveryStatus.PENDING, 0, now, null, null, now, null));
    }
}
