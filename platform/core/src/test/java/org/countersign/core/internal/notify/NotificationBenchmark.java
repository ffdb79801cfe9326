package org.countersign.core.internal.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.event.StoredInboxItem;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.notify.InboxPage;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.core.internal.config.Configs;
import org.countersign.core.internal.request.RequestAudience;
import org.countersign.core.internal.request.RequestServiceImpl;
import org.countersign.core.internal.resource.ResourceServiceImpl;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.workspace.WorkspaceServiceImpl;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Notifications on the real SQLite store (durable: {@code synchronous=FULL}): fanning one submitted request out
 * to every eligible approver of a workspace ({@code approvers} members; an inbox entry and an email delivery
 * each, plus a webhook call), and a page of a user's unread inbox holding {@code notifications} entries. Run
 * with {@code mvn -pl platform/core exec:exec -Dbenchmark=NotificationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NotificationBenchmark {

    private static final ResourceType REPORT = TestTypes.governed("report");

    @Param("50")
    public int approvers;

    @Param("100000")
    public int notifications;

    private Path dir;
    private SqliteStore store;
    private NotificationDispatcher dispatcher;
    private NotificationServiceImpl service;
    private OutboxEntry submitted;
    private Actor reader;

    @Setup
    public void seed() throws Exception {
        dir = Files.createTempDirectory("notify-bench");
        store = SqliteStore.open(dir.resolve("countersign.db"));
        HashChainAuditLog audit = new HashChainAuditLog(store);
        AccessControl access = new AccessControl();
        ResourceTypes types = TestTypes.registry(REPORT);
        RulesGate rules = new RulesGate();
        Channels channels = new Channels();
        service = new NotificationServiceImpl(store, audit, access, channels, TestTypes.SECRETS);
        dispatcher = new NotificationDispatcher(store, channels, new RequestAudience(access, rules), TestTypes.SECRETS,
                DispatchPolicy.from(Configs.core(Map.of())), "http://127.0.0.1:7070");
        WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(store, audit, access, TestTypes.governance(audit, access), TestTypes.SECRETS);
        Actor root = actor("root@example.com", true);
        Actor author = actor("author@example.com", false);
        String workspaceId = workspaces.create(root, "bench", "Bench").id();
        workspaces.putMember(root, "bench", author.userId(), "workspace_draft_editor");
        for (int i = 0; i < approvers; i++) {
            workspaces.putMember(root, "bench", actor("approver" + i + "@example.com", false).userId(), "workspace_editor");
        }
        workspaces.updateSettings(root, "bench", Map.of("notifications", List.of(Map.of("type", "email"),
                Map.of("type", "webhook", "url", "https://hooks.example.com/x", "secret", "0123456789abcdef"))));
        String resource = new ResourceServiceImpl(store, audit, access, types, rules, TestTypes.SECRETS).create(author, "bench",
                new NewResource("report", "Report", Map.of(), List.of(), Map.of("q", 1), "draft", null, null)).id();
        new RequestServiceImpl(store, audit, access, types, rules).submit(author, "bench",
                new NewRequest("publish", List.of(resource), null, null, null, "please"));
        submitted = store.read(tx -> tx.outbox().pending(10)).stream()
                .filter(e -> e.type().equals("request.submitted")).findFirst().orElseThrow();
        dispatcher.dispatchEvents();

        reader = actor("reader@example.com", false);
        Instant now = Instant.now();
        store.write(tx -> {
            for (int i = 0; i < notifications; i++) {
                tx.inbox().add(new StoredInboxItem(Ids.next("ntf"), reader.userId(), workspaceId, "evt_" + i,
                        "request.submitted", "title", "text", null, null, now, i % 10 == 0 ? null : now));
            }
            return null;
        });
    }

    /** Puts the same event back in the outbox under a new id, as if another request had just been submitted. */
    @Setup(Level.Invocation)
    public void newEvent() {
        store.write(tx -> {
            tx.outbox().add(new OutboxEntry(Ids.next("evt"), submitted.scope(), submitted.type(), submitted.payload(),
                    Instant.now(), null));
            return null;
        });
    }

    private Actor actor(String email, boolean instanceAdmin) {
        User user = new User(Ids.next("usr"), email, email, instanceAdmin, Instant.now());
        store.write(tx -> {
            tx.users().insert(user);
            return null;
        });
        return new Actor(user, null, "bench");
    }

    @TearDown
    public void close() throws InterruptedException {
        dispatcher.stop();
        store.close();
    }

    @Benchmark
    public void fanOutOneSubmittedRequest() {
        dispatcher.dispatchEvents();
    }

    @Benchmark
    public InboxPage unreadInboxPage() {
        return service.inbox(reader, true, null, 50);
    }
}
