package org.countersign.core.internal.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.event.StoredDelivery;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.DeliveryStatus;
import org.countersign.api.notify.InboxNotification;
import org.countersign.api.notify.NotificationChannel;
import org.countersign.api.resource.DraftEdit;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.core.internal.config.Configs;
import org.countersign.core.internal.request.RequestAudience;
import org.countersign.core.internal.request.RequestServiceImpl;
import org.countersign.core.internal.resource.ResourceServiceImpl;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.WorkspaceServiceImpl;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on the real store with the real request engine: who hears of what (docs/domain.md#notifications),
 * fan-out once, retries with backoff, dead letters, waiting channels and leases. The channel is a test implementation
 * of the channel SPI that records what it is asked to send and fails when told to.
 */
class NotificationDispatcherTest {

    private static final ResourceType REPORT = TestTypes.governed("report");

    @TempDir
    Path dir;

    private SqliteStore store;
    private ResourceServiceImpl resources;
    private RequestServiceImpl requests;
    private WorkspaceServiceImpl workspaces;
    private RequestAudience audience;
    private NotificationServiceImpl notifications;
    private Channels channels;
    private RulesGate gate;
    private NotificationDispatcher dispatcher;
    private final Map<String, Object> config = Map.of("notify.backoff.ms", 1, "notify.max.attempts", 3);
    private Actor root;
    private Actor author;
    private Actor reviewer;
    private Actor other;
    private Actor viewer;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        HashChainAuditLog audit = new HashChainAuditLog(store);
        AccessControl access = new AccessControl();
        ResourceTypes types = TestTypes.registry(REPORT);
        gate = new RulesGate();
        resources = new ResourceServiceImpl(store, audit, access, types, gate, TestTypes.SECRETS);
        requests = new RequestServiceImpl(store, audit, access, types, gate);
        workspaces = new WorkspaceServiceImpl(store, audit, access, TestTypes.governance(audit, access), TestTypes.SECRETS);
        audience = new RequestAudience(access, gate);
        channels = new Channels();
        notifications = new NotificationServiceImpl(store, audit, access, channels, TestTypes.SECRETS);
        dispatcher = dispatcher();
        root = user("root@example.com", true);
        author = user("author@example.com", false);
        reviewer = user("reviewer@example.com", false);
        other = user("other@example.com", false);
        viewer = user("viewer@example.com", false);
        workspaces.create(root, "ws", "Analytics");
        workspaces.putMember(root, "ws", author.userId(), "workspace_draft_editor");
        workspaces.putMember(root, "ws", reviewer.userId(), "workspace_editor");
        workspaces.putMember(root, "ws", other.userId(), "workspace_editor");
        workspaces.putMember(root, "ws", viewer.userId(), "workspace_viewer");
        workspaces.updateSettings(root, "ws", Map.of("notifications", List.of(Map.of("type", "email"),
                Map.of("type", "webhook", "url", "https://hooks.example.com/x", "secret", "0123456789abcdef"))));
    }

    @AfterEach
    void close() throws InterruptedException {
        dispatcher.stop();
        store.close();
    }

    private NotificationDispatcher dispatcher() {
        return new NotificationDispatcher(store, channels, audience, TestTypes.SECRETS,
                DispatchPolicy.from(Configs.core(config)), "https://cs.example.com");
    }

    private Actor user(String email, boolean instanceAdmin) {
        User user = new User(Ids.next("usr"), email, "Name " + email, instanceAdmin, Times.now());
        store.write(tx -> {
            tx.users().insert(user);
            return null;
        });
        return new Actor(user, null, "req");
    }

    private String submit(String name, List<String> reviewers) {
        String id = resources.create(author, "ws", new NewResource("report", name, Map.of(), List.of(), Map.of("q", 1),
                "draft", null, null)).id();
        return requests.submit(author, "ws", new NewRequest("publish", List.of(id), null, null, reviewers, "please"))
                .id();
    }

    private List<InboxNotification> inbox(Actor who) {
        return notifications.inbox(who, false, null, null).items();
    }

    private List<String> types(Actor who) {
        return inbox(who).stream().map(InboxNotification::type).toList();
    }

    private List<DeliveryStatus> deliveries(String state) {
        return notifications.deliveries(root, "ws", state, null, null).items();
    }

    @Test
    void submittedWithoutReviewersReachesEveryEligibleApproverButNotTheAuthorOrTheViewer() {
        String requestId = submit("Weekly", null);
        dispatcher.dispatchEvents();

        for (Actor approver : List.of(root, reviewer, other)) {
            assertThat(types(approver)).containsExactly("request.submitted");
        }
        assertThat(inbox(author)).isEmpty();
        assertThat(inbox(viewer)).isEmpty();
        InboxNotification note = inbox(reviewer).get(0);
        assertThat(note.title()).isEqualTo("Name author@example.com asks for your review of #1: publish report “Weekly”");
        assertThat(note.text()).contains("Request #1 (publish) in Analytics is open.", "Comment from Name author@example.com: please");
        assertThat(note.link()).isEqualTo("https://cs.example.com/w/ws/requests/" + requestId);
        assertThat(note.workspace()).isEqualTo("ws");
        // one email per recipient, one webhook call for the event
        assertThat(deliveries(null)).extracting(DeliveryStatus::channel, DeliveryStatus::target).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("email", "root@example.com"),
                org.assertj.core.groups.Tuple.tuple("email", "reviewer@example.com"),
                org.assertj.core.groups.Tuple.tuple("email", "other@example.com"),
                org.assertj.core.groups.Tuple.tuple("webhook", "https://hooks.example.com"));
        assertThat(deliveries(null)).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.WAITING);
    }

    @Test
    void aSubmissionReachesWhoCouldApproveWhenItWasSubmittedIfTheyAreStillMembers() {
        submit("Weekly", null);
        // before the event is fanned out, one approver becomes a viewer and another leaves the workspace
        workspaces.putMember(root, "ws", other.userId(), "workspace_viewer");
        workspaces.removeMember(root, "ws", reviewer.userId());
        dispatcher.dispatchEvents();

        assertThat(types(root)).containsExactly("request.submitted");
        assertThat(types(other)).as("asked when it could approve").containsExactly("request.submitted");
        assertThat(inbox(reviewer)).as("no longer a member").isEmpty();
    }

    @Test
    void laterActionsReachTheAuthorAndParticipantsButNeverTheActor() {
        String requestId = submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        assertThat(types(reviewer)).containsExactly("request.submitted");
        assertThat(inbox(other)).isEmpty();

        requests.comment(other, "ws", requestId, "looks risky");
        dispatcher.dispatchEvents();
        assertThat(types(author)).containsExactly("request.commented");
        assertThat(types(reviewer)).containsExactlyInAnyOrder("request.commented", "request.submitted");
        assertThat(inbox(other)).isEmpty();

        requests.approve(reviewer, "ws", requestId, "fine", null);
        dispatcher.dispatchEvents();
        // the last approval applies the request: one notification, of the outcome
        assertThat(types(author)).containsExactlyInAnyOrder("request.applied", "request.commented");
        assertThat(types(other)).containsExactly("request.applied");
        assertThat(types(reviewer)).doesNotContain("request.applied", "request.approved");
        assertThat(inbox(author)).extracting(InboxNotification::title).contains("Name reviewer@example.com published #1: report “Weekly”");
        // the publication the request caused is a resource event: webhooks only, told as what happened to it
        StoredDelivery published = store.read(tx -> tx.deliveries().page(workspaces.get(root, "ws").id(), null, null, 50))
                .stream().filter(d -> d.eventType().equals("resource.published")).findFirst().orElseThrow();
        assertThat(published.channel()).isEqualTo("webhook");
        assertThat(NotificationJson.read(published.message()).title())
                .isEqualTo("Name reviewer@example.com published report “Weekly”");
    }

    @Test
    void everyLaterActionReachesTheAuthorAndEveryParticipant() {
        // a rule asks for two approvals, so one approval leaves the request open
        gate.setEngine(new RuleEngine() {
            @Override
            public List<RuleProblem> check(String source) {
                return List.of();
            }

            @Override
            public RuleDecision evaluate(String source, RuleContext context) {
                return new RuleDecision(false, List.of(new RuleDecision.Requirement("two", 2, "anyone", List.of())),
                        false, false, List.of(), List.of(), false, List.of("two approvals"));
            }
        });
        String workspaceId = workspaces.get(root, "ws").id();
        store.write(tx -> {
            tx.ruleScripts().add(new StoredRuleScript(workspaceId, 1, "// two approvals", Times.now(), root.userId(),
                    StoredRuleScript.API));
            return null;
        });
        String requestId = submit("Weekly", List.of(reviewer.userId(), other.userId()));
        dispatcher.dispatchEvents();
        assertThat(types(reviewer)).containsExactly("request.submitted");
        assertThat(types(other)).containsExactly("request.submitted");

        requests.approve(reviewer, "ws", requestId, "one of two", null);
        dispatcher.dispatchEvents();
        assertThat(types(author)).containsExactly("request.approved");
        assertThat(types(other)).contains("request.approved");
        assertThat(types(reviewer)).doesNotContain("request.approved");

        // the author edits the draft: the approval goes stale and its giver is told
        String resourceId = store.read(tx -> tx.requests().items(requestId)).get(0).resourceId();
        resources.saveDraft(author, "ws", resourceId, new DraftEdit(null, null, null, Map.of("q", 2)), null);
        dispatcher.dispatchEvents();
        assertThat(types(reviewer)).contains("request.draft_updated");
        assertThat(types(other)).doesNotContain("request.draft_updated");

        requests.decline(other, "ws", requestId, "not now");
        dispatcher.dispatchEvents();
        assertThat(types(author)).contains("request.declined");
        assertThat(types(reviewer)).contains("request.declined");
        assertThat(types(other)).doesNotContain("request.declined");

        String withdrawn = submit("Monthly", List.of(reviewer.userId()));
        requests.withdraw(author, "ws", withdrawn, null);
        String discarded = submit("Daily", List.of(reviewer.userId()));
        requests.discard(author, "ws", discarded, null);
        dispatcher.dispatchEvents();
        assertThat(types(reviewer)).contains("request.withdrawn", "request.discarded");
        assertThat(types(author)).doesNotContain("request.withdrawn", "request.discarded");
        assertThat(inbox(viewer)).isEmpty();
    }

    @Test
    void thePromotionOutcomeReachesTheRequester() {
        workspaces.updateSettings(root, "ws", Map.of("environments", List.of("staging", "production"),
                "promotion", Map.of("enabled", true)));
        String id = resources.create(root, "ws", new NewResource("report", "Weekly", Map.of(), List.of(), Map.of("q", 1),
                "publish", null, null)).id();
        String requestId = requests.submit(author, "ws", new NewRequest("promote", List.of(id), null, null, null,
                "to production please")).id();
        dispatcher.dispatchEvents();
        requests.approve(reviewer, "ws", requestId, null, null);
        dispatcher.dispatchEvents();
        assertThat(inbox(author)).extracting(InboxNotification::type, InboxNotification::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple("request.ready",
                        "#1 is approved: you can promote report “Weekly” to production"));

        requests.apply(author, "ws", requestId, null);
        dispatcher.dispatchEvents();
        // the requester applied it: the reviewer, a participant, hears of the outcome; the requester does not
        assertThat(types(reviewer)).contains("request.applied");
        assertThat(types(author)).doesNotContain("request.applied");
    }

    @Test
    void fanningOutAgainAddsNothingAndEveryEventIsDispatchedOnce() {
        submit("Weekly", null);
        dispatcher.dispatchEvents();
        int deliveries = deliveries(null).size();
        dispatcher.dispatchEvents();
        assertThat(deliveries(null)).hasSize(deliveries);
        List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending(10));
        assertThat(pending).isEmpty();
    }

    @Test
    void oneEventThatCannotBeFannedOutHoldsBackOnlyItself() {
        submit("Before", List.of(reviewer.userId()));
        String workspace = store.read(tx -> tx.workspaces().bySlug("ws").orElseThrow().id());
        OutboxEntry broken = new OutboxEntry(Ids.next("evt"), workspace, "request.submitted", "not json", Times.now(),
                null);
        store.write(tx -> {
            tx.outbox().add(broken);
            return null;
        });
        submit("After", List.of(reviewer.userId()));

        dispatcher.dispatchEvents();

        assertThat(notifications.inbox(reviewer, false, null, 100).items()).extracting(InboxNotification::title)
                .hasSize(2).anyMatch(t -> t.contains("Before")).anyMatch(t -> t.contains("After"));
        List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending(10));
        assertThat(pending).extracting(OutboxEntry::id).containsExactly(broken.id());
    }

    @Test
    void twoDispatchersRacingOverTheSameEventsFanEachOutOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            submit("Report " + i, List.of(reviewer.userId()));
        }
        NotificationDispatcher second = dispatcher();
        try {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            var one = pool.submit(dispatcher::dispatchEvents);
            var two = pool.submit(second::dispatchEvents);
            one.get();
            two.get();
            pool.shutdown();
        } finally {
            second.stop();
        }
        // per event: one email to the reviewer and one webhook call
        assertThat(notifications.deliveries(root, "ws", null, null, 100).items()).hasSize(20);
        assertThat(notifications.inbox(reviewer, false, null, 100).items()).hasSize(10);
    }

    @Test
    void aFailingChannelIsRetriedWithBackoffUntilItAcceptsOrTheAttemptsRunOut() throws Exception {
        RecordingChannel email = new RecordingChannel("email", 2);
        channels.addChannel(email);
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();

        sendUntilSettled();
        assertThat(email.sent).hasSize(3).extracting(Delivery::attempt).containsExactly(1, 2, 3);
        assertThat(email.sent).extracting(Delivery::id).containsOnly(email.sent.get(0).id());
        assertThat(email.sent.get(0).recipient()).isEqualTo("reviewer@example.com");
        DeliveryStatus delivered = deliveries("delivered").get(0);
        assertThat(delivered.attempts()).isEqualTo(3);
        assertThat(delivered.lastError()).isNull();

        RecordingChannel broken = new RecordingChannel("webhook", Integer.MAX_VALUE);
        channels.addChannel(broken);
        sendUntilSettled();
        assertThat(broken.sent).hasSize(3);
        DeliveryStatus dead = deliveries("dead").get(0);
        assertThat(dead.channel()).isEqualTo("webhook");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).isEqualTo("refused on attempt 3");
        assertThat(dead.nextAttemptAt()).isNull();
    }

    @Test
    void aSlowReceiverHoldsOneSenderAndNothingElse() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingChannel slow = new RecordingChannel("webhook", 0) {
            @Override
            public void send(Delivery delivery) throws DeliveryException {
                super.send(delivery);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        RecordingChannel email = new RecordingChannel("email", 0);
        channels.addChannel(slow);
        channels.addChannel(email);
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        List<java.util.concurrent.Future<?>> sends = dispatcher.sendDue();
        assertThat(sends).hasSize(2);
        for (int i = 0; i < 500 && deliveries("delivered").isEmpty(); i++) {
            Thread.sleep(10);
        }
        // the email went out while the webhook call hangs, and new events still fan out
        assertThat(deliveries("delivered")).extracting(DeliveryStatus::channel).containsExactly("email");
        submit("Monthly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        assertThat(inbox(reviewer)).hasSize(2);
        release.countDown();
        for (java.util.concurrent.Future<?> send : sends) {
            send.get();
        }
        assertThat(slow.sent).hasSize(1);
    }

    @Test
    void aPermanentFailureIsDeadAtOnce() throws Exception {
        RecordingChannel webhook = new RecordingChannel("webhook", 0) {
            @Override
            public void send(Delivery delivery) throws DeliveryException {
                sent.add(delivery);
                throw DeliveryException.permanent("host resolves to a link-local address");
            }
        };
        channels.addChannel(webhook);
        submit("Weekly", null);
        dispatcher.dispatchEvents();
        sendUntilSettled();
        assertThat(webhook.sent).hasSize(1);
        DeliveryStatus dead = deliveries("dead").get(0);
        assertThat(dead.attempts()).isEqualTo(1);

        // an admin sends it again once the cause is fixed: a fresh set of attempts, and an audit event
        assertThat(catchThrowable(() -> notifications.retry(author, "ws", dead.id()))).isInstanceOf(ForbiddenException.class);
        DeliveryStatus again = notifications.retry(root, "ws", dead.id());
        assertThat(again.state()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(again.attempts()).isZero();
        assertThat(catchThrowable(() -> notifications.retry(root, "ws", dead.id()))).isInstanceOf(ConflictException.class);
        assertThat(catchThrowable(() -> notifications.retry(root, "ws", "dlv_unknown"))).isInstanceOf(NotFoundException.class);
        sendUntilSettled();
        assertThat(webhook.sent).hasSize(2);
        assertThat(webhook.sent.get(1).attempt()).isEqualTo(1);
        assertThat(webhook.sent.get(1).id()).isEqualTo(dead.id());
        List<String> actions = store.read(tx -> tx.audit().list(workspaces.get(root, "ws").id(), 0, 100)).stream()
                .map(e -> e.action()).toList();
        assertThat(actions).contains("notification.retried");
    }

    @Test
    void deliveriesWaitForAMissingChannelAndResumeWhenItArrives() throws Exception {
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        sendAndWait();
        assertThat(deliveries(null)).extracting(DeliveryStatus::state, DeliveryStatus::attempts)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(DeliveryStatus.WAITING, 0));

        RecordingChannel email = new RecordingChannel("email", 0);
        channels.addChannel(email);
        sendAndWait();
        assertThat(email.sent).hasSize(1);
        assertThat(deliveries("delivered")).hasSize(1);
        channels.removeChannel(email);
        assertThat(deliveries("pending")).extracting(DeliveryStatus::state).containsOnly(DeliveryStatus.WAITING);
    }

    @Test
    void deliveriesOfAChannelThatCannotSendYetWaitWithoutSpendingAttempts() throws Exception {
        RecordingChannel email = new RecordingChannel("email", 0);
        email.unavailable = "smtp.host is not set";
        channels.addChannel(email);
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        for (int i = 0; i < 3; i++) {
            sendAndWait();
        }
        assertThat(email.sent).isEmpty();
        assertThat(deliveries(null)).filteredOn(d -> d.channel().equals("email"))
                .extracting(DeliveryStatus::state, DeliveryStatus::attempts, DeliveryStatus::waitingFor)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(DeliveryStatus.WAITING, 0, "smtp.host is not set"));

        email.unavailable = null;
        sendAndWait();
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void oldDeliveredNotificationsArePrunedButNothingThatNeedsAttention() throws Exception {
        channels.addChannel(new RecordingChannel("email", 0));
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        sendAndWait();
        assertThat(deliveries("delivered")).hasSize(1);
        assertThat(deliveries("pending")).hasSize(1);

        assertThat(dispatcher.prune(Times.now().plus(java.time.Duration.ofDays(29)))).isZero();
        // a month on: the delivered email and the dispatched events go; the waiting webhook and the inbox stay
        assertThat(dispatcher.prune(Times.now().plus(java.time.Duration.ofDays(31)))).isGreaterThanOrEqualTo(2);
        assertThat(deliveries("delivered")).isEmpty();
        assertThat(deliveries("pending")).hasSize(1);
        assertThat(inbox(reviewer)).hasSize(1);
        List<OutboxEntry> pending = store.read(tx -> tx.outbox().pending(10));
        assertThat(pending).isEmpty();
    }

    @Test
    void aLeasedDeliveryIsNotTakenByAnotherDispatcher() {
        submit("Weekly", List.of(reviewer.userId()));
        dispatcher.dispatchEvents();
        StoredDelivery due = store.read(tx -> tx.deliveries().due(List.of("email"), Times.now(), 1)).get(0);
        java.time.Instant now = Times.now();
        boolean first = store.write(tx -> tx.deliveries().claim(due.id(), now, now.plusSeconds(30)));
        boolean second = store.write(tx -> tx.deliveries().claim(due.id(), now, now.plusSeconds(30)));
        assertThat(first).isTrue();
        assertThat(second).isFalse();
        List<StoredDelivery> dueNow = store.read(tx -> tx.deliveries().due(List.of("email"), now, 10));
        assertThat(dueNow).isEmpty();
        // once the lease has run out (its holder died), it is due again
        java.time.Instant later = now.plusSeconds(31);
        List<StoredDelivery> dueLater = store.read(tx -> tx.deliveries().due(List.of("email"), later, 10));
        assertThat(dueLater).hasSize(1);
    }

    @Test
    void theInboxIsPrivateAndMarksRead() {
        submit("Weekly", null);
        submit("Monthly", null);
        dispatcher.dispatchEvents();
        assertThat(notifications.inbox(reviewer, true, null, null).unread()).isEqualTo(2);
        String first = inbox(reviewer).get(0).id();
        assertThat(catchThrowable(() -> notifications.markRead(other, first)))
                .isInstanceOf(NotFoundException.class);
        assertThat(notifications.markRead(reviewer, first).readAt()).isNotNull();
        assertThat(notifications.inbox(reviewer, true, null, null).items()).extracting(InboxNotification::id)
                .doesNotContain(first);
        assertThat(notifications.markAllRead(reviewer)).isEqualTo(1);
        assertThat(notifications.inbox(reviewer, true, null, null).unread()).isZero();
        assertThat(notifications.inbox(other, true, null, null).unread()).isEqualTo(2);
    }

    /** One round of sending, waiting until every send it started has finished. */
    private void sendAndWait() throws Exception {
        for (java.util.concurrent.Future<?> send : dispatcher.sendDue()) {
            send.get();
        }
    }

    /** Sends until nothing is due any more, waiting out the (millisecond) backoff between attempts. */
    private void sendUntilSettled() throws Exception {
        for (int i = 0; i < 50; i++) {
            sendAndWait();
            Thread.sleep(10);
        }
    }

    /** A channel that refuses its first {@code failures} deliveries and records every one. */
    static class RecordingChannel implements NotificationChannel {

        final List<Delivery> sent = new ArrayList<>();
        volatile String unavailable;
        private final String type;
        private final int failures;

        RecordingChannel(String type, int failures) {
            this.type = type;
            this.failures = failures;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.ofNullable(unavailable);
        }

        @Override
        public synchronized void send(Delivery delivery) throws DeliveryException {
            sent.add(delivery);
            if (sent.size() <= failures) {
                throw new DeliveryException("refused on attempt " + delivery.attempt());
            }
        }
    }
}
