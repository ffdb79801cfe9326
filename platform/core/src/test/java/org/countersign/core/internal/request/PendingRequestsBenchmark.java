package org.countersign.core.internal.request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.RequestFilter;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.core.internal.resource.ResourceServiceImpl;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.workspace.WorkspaceServiceImpl;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The reviewer's pending tab ({@code requests?reviewer=me}) with many requests stored (docs/architecture.md#qualities):
 * most of them long applied, one in a hundred still open, on the real SQLite store. Run with
 * {@code mvn -pl platform/core exec:exec}; add {@code -Drequests=...} via JMH's {@code -p requests=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PendingRequestsBenchmark {

    private static final ResourceType REPORT = TestTypes.governed("report");

    @Param("200000")
    public int requests;

    private Path dir;
    private SqliteStore store;
    private RequestServiceImpl service;
    private Actor reviewer;

    @Setup
    public void seed() throws Exception {
        dir = Files.createTempDirectory("pending-bench");
        store = SqliteStore.open(dir.resolve("countersign.db"));
        HashChainAuditLog audit = new HashChainAuditLog(store);
        AccessControl access = new AccessControl();
        ResourceTypes types = TestTypes.registry(REPORT);
        RulesGate rules = new RulesGate();
        service = new RequestServiceImpl(store, audit, access, types, rules);
        Actor root = actor("root@example.com", true);
        reviewer = actor("reviewer@example.com", false);
        WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(store, audit, access, TestTypes.governance(audit, access), TestTypes.SECRETS);
        String workspaceId = workspaces.create(root, "bench", "Bench").id();
        workspaces.putMember(root, "bench", reviewer.userId(), "workspace_editor");
        String resource = new ResourceServiceImpl(store, audit, access, types, rules, TestTypes.SECRETS).create(root, "bench",
                new NewResource("report", "Report", Map.of(), List.of(), Map.of(), "publish", null, null)).id();
        Instant now = Instant.now();
        store.write(tx -> {
            for (int i = 1; i <= requests; i++) {
                RequestState state = i % 100 == 0 ? RequestState.OPEN : RequestState.APPLIED;
                String id = Ids.next("apr");
                tx.requests().insert(new StoredRequest(id, workspaceId, i, RequestKind.DELETE, state, root.userId(),
                        "[]", null, null, null, 1, false, "[]", now, now),
                        List.of(new StoredRequestItem(id, 0, resource, null, null)));
            }
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
    public void close() {
        store.close();
    }

    @Benchmark
    public Page<ApprovalRequest> pendingTab() {
        return service.list(reviewer, "bench", new RequestFilter(null, true, false), null, 50);
    }
}
