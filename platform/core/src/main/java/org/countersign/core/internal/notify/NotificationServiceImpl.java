package org.countersign.core.internal.notify;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.event.StoredDelivery;
import org.countersign.api.event.StoredInboxItem;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.DeliveryStatus;
import org.countersign.api.notify.InboxNotification;
import org.countersign.api.notify.InboxPage;
import org.countersign.api.notify.Notification;
import org.countersign.api.notify.NotificationChannel;
import org.countersign.api.notify.NotificationService;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Paging;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@Component(service = NotificationService.class)
public class NotificationServiceImpl implements NotificationService {

    private static final Set<String> STATES = Set.of(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.DEAD);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationServiceImpl.class);
    private static final String EMAIL = "email";

    private final Store store;
    private final AuditLog audit;
    private final AccessControl access;
    private final Channels channels;
    private final SecretBox secrets;

    @Activate
    public NotificationServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference Channels channels, @Reference SecretBox secrets) {
        this.secrets = secrets;
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.channels = channels;
    }

    @Override
    public InboxPage inbox(Actor actor, boolean unreadOnly, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String list = "inbox:" + actor.userId() + ":" + unreadOnly;
        String before = Paging.decode(list, cursor);
        return store.read(tx -> {
            Map<String, String> slugs = new HashMap<>();
            List<InboxNotification> rows = tx.inbox().page(actor.userId(), unreadOnly, before, size + 1).stream()
                    .map(item -> view(item, slugs.computeIfAbsent(item.workspaceId(), id -> slug(tx, id)))).toList();
            Page<InboxNotification> page = Paging.page(list, rows, size, InboxNotification::id);
            return new InboxPage(page.items(), page.next(), tx.inbox().unreadCount(actor.userId()));
        });
    }

    @Override
    public InboxNotification markRead(Actor actor, String notificationId) {
        return store.write(tx -> {
            tx.inbox().byId(actor.userId(), notificationId)
                    .orElseThrow(() -> new NotFoundException("No notification " + notificationId));
            tx.inbox().markRead(actor.userId(), notificationId, Times.now());
            StoredInboxItem item = tx.inbox().byId(actor.userId(), notificationId).orElseThrow();
            return view(item, slug(tx, item.workspaceId()));
        });
    }

    @Override
    public int markAllRead(Actor actor) {
        return store.write(tx -> tx.inbox().markAllRead(actor.userId(), Times.now()));
    }

    @Override
    public TestResult test(Actor actor, String slug, int index) {
        record Target(NotificationTarget target, Notification message) {
        }
        Target found = store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            List<NotificationTarget> targets = SettingsCodec.read(ws.workspace().settingsJson()).notifications();
            if (index < 0 || index >= targets.size()) {
                throw new BadRequestException("validation_failed", "No notification channel " + index,
                        List.of(new FieldError("/index", "must be between 0 and " + (targets.size() - 1))));
            }
            String name = ws.workspace().workspace().name();
            return new Target(targets.get(index), new Notification(Ids.next("evt"), "notification.test", Times.now(),
                    slug, name, "Test message from Countersign", "This is a test of a notification channel of " + name
                    + ", sent by " + actor.user().email() + ".", null, Map.of("test", true)));
        });
        NotificationTarget target = found.target();
        String waiting = channels.waitingFor(target.type());
        if (waiting != null) {
            return new TestResult(false, waiting);
        }
        String url = secrets.open(target.url());
        try {
            channels.get(target.type()).orElseThrow().send(new Delivery("test_" + found.message().eventId(),
                    target.type(), 1, found.message(), "email".equals(target.type()) ? actor.user().email() : null, url,
                    secrets.open(target.secret())));
            return new TestResult(true, null);
        } catch (DeliveryException e) {
            return new TestResult(false, DeliveryUrls.scrub(e.getMessage(), url));
        }
    }

    @Override
    public boolean emailInvite(String userId, String link, Instant expiresAt) {
        Optional<NotificationChannel> email = channels.get(EMAIL).filter(c -> c.unavailable().isEmpty());
        Optional<User> user = store.read(tx -> tx.users().byId(userId));
        if (email.isEmpty() || user.isEmpty()) {
            return false;
        }
        Notification invite = new Notification(Ids.next("evt"), "user.invited", Times.now(), null, null,
                "You are invited to Countersign", "Set your password to sign in to Countersign as "
                + user.get().email() + ". The link works once, until " + expiresAt + ".", link, Map.of());
        try {
            email.get().send(new Delivery("invite_" + invite.eventId(), EMAIL, 1, invite, user.get().email(), null,
                    null));
            return true;
        } catch (DeliveryException e) {
            LOG.warn("The invite email to {} was not sent: {}", user.get().email(), e.getMessage());
            return false;
        }
    }

    @Override
    public int retryDead(Actor actor, String slug, String channel) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            int retried = tx.deliveries().requeueDead(ws.workspaceId(), channel, Times.now());
            if (retried > 0) {
                audit.append(tx, ws.auditEntry("notification.retried", ws.workspaceId(), Details.of("channel", channel,
                        "deliveries", retried)));
            }
            return retried;
        });
    }

    @Override
    public DeliveryStatus retry(Actor actor, String slug, String deliveryId) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            StoredDelivery delivery = tx.deliveries().byId(ws.workspaceId(), deliveryId)
                    .orElseThrow(() -> new NotFoundException("No delivery " + deliveryId));
            if (!tx.deliveries().requeue(ws.workspaceId(), deliveryId, Times.now())) {
                throw new ConflictException("invalid_state", "Only dead deliveries can be retried; this one is "
                        + delivery.state());
            }
            audit.append(tx, ws.auditEntry("notification.retried", deliveryId, Details.of("channel", delivery.channel(),
                    "eventId", delivery.eventId(), "attempts", delivery.attempts(), "lastError", delivery.lastError())));
            return status(tx.deliveries().byId(ws.workspaceId(), deliveryId).orElseThrow());
        });
    }

    @Override
    public Page<DeliveryStatus> deliveries(Actor actor, String slug, String state, String cursor, Integer limit) {
        if (state != null && !STATES.contains(state)) {
            throw new BadRequestException("validation_failed", "state must be one of " + STATES,
                    List.of(new FieldError("/state", "must be pending, delivered or dead")));
        }
        int size = Paging.limit(limit);
        String list = "deliveries:" + slug + ":" + state;
        String before = Paging.decode(list, cursor);
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            List<DeliveryStatus> rows = tx.deliveries().page(ws.workspaceId(), state, before, size + 1).stream()
                    .map(this::status).toList();
            return Paging.page(list, rows, size, DeliveryStatus::id);
        });
    }

    private DeliveryStatus status(StoredDelivery d) {
        String waitingFor = DeliveryStatus.PENDING.equals(d.state()) ? channels.waitingFor(d.channel()) : null;
        String state = waitingFor != null ? DeliveryStatus.WAITING : d.state();
        return new DeliveryStatus(d.id(), d.eventId(), d.eventType(), d.channel(), target(d), state, d.attempts(),
                d.lastError(), d.createdAt(), DeliveryStatus.PENDING.equals(d.state()) ? d.nextAttemptAt() : null,
                d.deliveredAt(), waitingFor);
    }

    /**
     * An email address, or only the scheme, host and port of a URL: Slack webhook paths, query tokens and
     * user:password parts are credentials.
     */
    private String target(StoredDelivery d) {
        if (d.recipient() != null) {
            return d.recipient();
        }
        return DeliveryUrls.origin(secrets.open(d.url()));
    }

    private static InboxNotification view(StoredInboxItem item, String workspaceSlug) {
        return new InboxNotification(item.id(), workspaceSlug, item.type(), item.title(), item.text(), item.link(),
                item.requestId(), item.createdAt(), item.readAt());
    }

    private static String slug(Tx tx, String workspaceId) {
        return tx.workspaces().byId(workspaceId).map(StoredWorkspace::workspace).map(w -> w.slug()).orElse(null);
    }
}
