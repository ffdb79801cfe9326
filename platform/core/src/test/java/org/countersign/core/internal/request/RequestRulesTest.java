package org.countersign.core.internal.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.ApprovalRequiredException;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.resource.DraftEdit;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.audit.HashChainAuditLog;
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
 * How rule decisions shape requests and direct changes, on the real store. The engine here stands in for the
 * Groovy rules bundle: it answers each item with a decision the test chooses.
 */
class RequestRulesTest {

    /** A governed type whose whole config is approval-relevant. */
    private static final ResourceType REPORT = TestTypes.governed("report");

    private static final RuleDecision NOTHING = new RuleDecision(false, List.of(), false, false, List.of(), List.of(),
            false, List.of());

    @TempDir
    Path dir;

    private SqliteStore store;
    private HashChainAuditLog audit;
    private ResourceServiceImpl resources;
    private RequestServiceImpl requests;
    private RulesGate gate;
    private Function<RuleContext, RuleDecision> rules = context -> NOTHING;
    private Actor root;
    private Actor editor;
    private Actor admin2;
    private Actor contributor;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        audit = new HashChainAuditLog(store);
        AccessControl access = new AccessControl();
        ResourceTypes types = TestTypes.registry(REPORT);
        gate = new RulesGate();
        gate.setEngine(new RuleEngine() {
            @Override
            public List<RuleProblem> check(String source) {
                return List.of();
            }

            @Override
            public RuleDecision evaluate(String source, RuleContext context) {
                return rules.apply(context);
            }
        });
        resources = new ResourceServiceImpl(store, audit, access, types, gate, TestTypes.SECRETS);
        requests = new RequestServiceImpl(store, audit, access, types, gate);
        WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(store, audit, access, TestTypes.governance(audit, access), TestTypes.SECRETS);
        root = user("root@example.com", true);
        editor = user("editor@example.com", false);
        admin2 = user("admin2@example.com", false);
        contributor = user("contributor@example.com", false);
        workspaces.create(root, "ws", "WS");
        workspaces.putMember(root, "ws", editor.userId(), "workspace_editor");
        workspaces.putMember(root, "ws", admin2.userId(), "admin");
        workspaces.putMember(root, "ws", contributor.userId(), "workspace_editor");
        String workspaceId = workspaces.get(root, "ws").id();
        store.write(tx -> {
            tx.ruleScripts().add(new StoredRuleScript(workspaceId, 1, "// rules come from the test", Times.now(),
                    root.userId(), StoredRuleScript.API));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Actor user(String email, boolean instanceAdmin) {
        User user = new User(Ids.next("usr"), email, email, instanceAdmin, Times.now());
        store.write(tx -> {
            tx.users().insert(user);
            return null;
        });
        return new Actor(user, null, "req");
    }

    private String draft(Actor author, String name) {
        return resources.create(author, "ws", new NewResource("report", name, Map.of(), List.of(), Map.of("q", 1),
                "draft", null, null)).id();
    }

    private ApprovalRequest submit(Actor author, String resourceId) {
        return requests.submit(author, "ws", new NewRequest("publish", List.of(resourceId), null, null, null, null));
    }

    private static RuleDecision decision(boolean requireApproval, List<RuleDecision.Requirement> requirements,
            boolean forbidContributors, List<String> blocks, List<String> reviewers, boolean manual) {
        return new RuleDecision(requireApproval, requirements, false, forbidContributors, blocks, reviewers, manual,
                List.of("test rule"));
    }

    @Test
    void everyHappeningIsOnTheTimelineInTheAuditChainAndToldUnderOneName() {
        rules = c -> decision(false, List.of(new RuleDecision.Requirement("two approvers", 2, "anyone", List.of())),
                false, List.of(), List.of(), false);
        String id = submit(editor, draft(editor, "Weekly")).id();
        requests.comment(admin2, "ws", id, "looks right");
        requests.approve(admin2, "ws", id, "first", null);
        assertThat(requests.approve(root, "ws", id, "second", null).state()).isEqualTo("applied");

        List<String> timeline = store.read(tx -> tx.requests().timeline(id)).stream()
                .map(StoredRequestEvent::action).toList();
        assertThat(timeline).containsExactly("submitted", "commented", "approved", "approved", "applied");
        String workspaceId = store.read(tx -> tx.workspaces().bySlug("ws").orElseThrow().id());
        List<String> audited = store.read(tx -> tx.audit().list(workspaceId, 0, 1000)).stream()
                .filter(e -> id.equals(e.target()) && e.action().startsWith("request."))
                .map(e -> e.action().substring("request.".length())).toList();
        assertThat(audited).isEqualTo(timeline);
        // the last approval is told as its outcome only
        List<String> told = store.read(tx -> tx.outbox().pending(1000)).stream()
                .filter(e -> e.type().startsWith("request.") && e.payload().contains(id))
                .map(e -> e.type().substring("request.".length())).toList();
        assertThat(told).containsExactly("submitted", "commented", "approved", "applied");
        // states and kinds go out by their API names
        assertThat(store.read(tx -> tx.outbox().pending(1000)).stream().filter(e -> e.type().equals("request.applied")))
                .singleElement().satisfies(e -> assertThat(e.payload()).contains("\"kind\":\"publish\"",
                        "\"state\":\"applied\""));
        assertThat(store.read(tx -> tx.audit().list(workspaceId, 0, 1000)).stream()
                .filter(e -> e.action().equals("request.applied")))
                .singleElement().satisfies(e -> assertThat(e.details()).contains("\"to\":\"applied\""));
    }

    @Test
    void twoApproversAreNeededAndAnEditMakesEarlierApprovalsStale() {
        rules = c -> decision(false, List.of(new RuleDecision.Requirement("two approvers", 2, "anyone", List.of())),
                false, List.of(), List.of(), false);
        String report = draft(editor, "Weekly");
        String id = submit(editor, report).id();

        ApprovalRequest first = requests.approve(admin2, "ws", id, null, null);
        assertThat(first.state()).isEqualTo("open");
        assertThat(first.remainingApprovals()).isEqualTo(1);
        assertThat(first.requirements()).hasSize(2);

        resources.saveDraft(editor, "ws", report, new DraftEdit(null, null, null, Map.of("q", 2)), null);
        ApprovalRequest edited = requests.get(root, "ws", id);
        assertThat(edited.remainingApprovals()).isEqualTo(2);
        assertThat(edited.reviews()).singleElement().satisfies(r -> assertThat(r.stale()).isTrue());

        assertThat(requests.approve(admin2, "ws", id, null, null).state()).isEqualTo("open");
        assertThat(requests.approve(root, "ws", id, null, null).state()).isEqualTo("applied");
        assertThat(resources.get(root, "ws", report).published().get("production").content().config())
                .containsEntry("q", 2);
    }

    @Test
    void twentyConcurrentApprovalsOfATwoApprovalRequestPublishOnce() throws Exception {
        rules = c -> decision(false, List.of(new RuleDecision.Requirement("two approvers", 2, "anyone", List.of())),
                false, List.of(), List.of(), false);
        List<Actor> reviewers = new ArrayList<>();
        WorkspaceServiceImpl workspaces = new WorkspaceServiceImpl(store, audit, new AccessControl(), TestTypes.governance(audit, new AccessControl()), TestTypes.SECRETS);
        for (int i = 0; i < 20; i++) {
            Actor reviewer = user("r" + i + "@example.com", false);
            workspaces.putMember(root, "ws", reviewer.userId(), "workspace_editor");
            reviewers.add(reviewer);
        }
        String report = draft(editor, "Contested");
        String id = submit(editor, report).id();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (Actor reviewer : reviewers) {
            outcomes.add(pool.submit(() -> {
                go.await();
                try {
                    return requests.approve(reviewer, "ws", id, null, null).state();
                } catch (ConflictException e) {
                    return e.code();
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (var outcome : outcomes) {
            results.add(outcome.get());
        }
        pool.shutdown();
        assertThat(results.stream().filter("applied"::equals)).hasSize(1);
        assertThat(results.stream().filter("open"::equals)).hasSize(1);
        assertThat(results.stream().filter("invalid_state"::equals)).hasSize(18);
        assertThat(resources.revisions(root, "ws", report)).hasSize(1);
        String workspaceId = store.read(tx -> tx.workspaces().bySlug("ws")).orElseThrow().id();
        assertThat(audit.list(workspaceId, 0, 1000).stream().filter(e -> e.action().equals("request.applied")))
                .hasSize(1);
        assertThat(audit.verify(workspaceId).ok()).isTrue();
    }

    @Test
    void aRoleGroupCountsOnlyItsMembers() {
        rules = c -> decision(false, List.of(new RuleDecision.Requirement("admins", 1, "role", List.of("admin"))),
                false, List.of(), List.of(), false);
        String id = submit(root, draft(root, "Finance")).id();
        ApprovalRequest byEditor = requests.approve(editor, "ws", id, null, null);
        assertThat(byEditor.state()).isEqualTo("open");
        assertThat(byEditor.requirements().get(0).satisfied()).isTrue();
        assertThat(byEditor.requirements().get(1).satisfied()).isFalse();
        assertThat(requests.approve(admin2, "ws", id, null, null).state()).isEqualTo("applied");
    }

    @Test
    void manualApplyStopsAtApprovedThenApplies() {
        rules = c -> decision(false, List.of(), false, List.of(), List.of(), true);
        String report = draft(editor, "Manual");
        String id = submit(editor, report).id();
        assertThat(requests.approve(admin2, "ws", id, null, null).state()).isEqualTo("approved");
        assertThat(resources.get(root, "ws", report).state().name()).isEqualTo("DRAFT");
        assertThat(requests.apply(editor, "ws", id, null).state()).isEqualTo("applied");
        assertThat(resources.get(root, "ws", report).state().name()).isEqualTo("PUBLISHED");
    }

    @Test
    void anApprovedRequestCanStillBeWithdrawn() {
        rules = c -> decision(false, List.of(), false, List.of(), List.of(), true);
        String id = submit(editor, draft(editor, "Later")).id();
        requests.approve(admin2, "ws", id, null, null);
        assertThat(requests.withdraw(editor, "ws", id, "not now").state()).isEqualTo("withdrawn");
    }

    @Test
    void aBlockedRequestIsApprovedButCannotApply() {
        rules = c -> decision(false, List.of(), false, List.of("production is frozen at weekends"), List.of(), false);
        String id = submit(editor, draft(editor, "Frozen")).id();
        ApprovalRequest approved = requests.approve(admin2, "ws", id, null, null);
        assertThat(approved.state()).isEqualTo("approved");
        assertThat(approved.blockedBy()).containsExactly("production is frozen at weekends");
        assertThat(catchThrowableOfType(ConflictException.class, () -> requests.apply(editor, "ws", id, null)).code())
                .isEqualTo("blocked");
        rules = c -> NOTHING;
        assertThat(requests.apply(editor, "ws", id, null).state()).isEqualTo("applied");
    }

    @Test
    void contributorsCannotApproveWhenARuleForbidsIt() {
        rules = c -> decision(false, List.of(), true, List.of(), List.of(), false);
        String report = draft(editor, "Shared");
        resources.saveDraft(contributor, "ws", report, new DraftEdit("Shared v2", null, null, null), null);
        String id = submit(editor, report).id();
        assertThat(catchThrowableOfType(ForbiddenException.class, () -> requests.approve(contributor, "ws", id, null, null))
                .code()).isEqualTo("self_approval_forbidden");
        assertThat(requests.approve(admin2, "ws", id, null, null).state()).isEqualTo("applied");
    }

    @Test
    void rulesCanRequireApprovalForRolesThatMayPublishDirectly() {
        String report = draft(editor, "Direct");
        rules = c -> decision(true, List.of(), false, List.of(), List.of(), false);
        ApprovalRequiredException refused = catchThrowableOfType(ApprovalRequiredException.class,
                () -> resources.publish(editor, "ws", report, null));
        assertThat(refused.code()).isEqualTo("approval_required");
        rules = c -> NOTHING;
        assertThat(resources.publish(editor, "ws", report, null).state().name()).isEqualTo("PUBLISHED");
    }

    @Test
    void aFailingEngineFailsClosed() {
        String report = draft(editor, "Broken rules");
        rules = c -> {
            throw new IllegalStateException("script exploded");
        };
        ConflictException blocked = catchThrowableOfType(ConflictException.class,
                () -> resources.publish(editor, "ws", report, null));
        assertThat(blocked.code()).isEqualTo("blocked");
        assertThat(blocked.detail()).contains("rules error: script exploded");
        String id = submit(editor, report).id();
        ApprovalRequest approved = requests.approve(admin2, "ws", id, null, null);
        assertThat(approved.state()).isEqualTo("approved");
        assertThat(approved.blockedBy()).containsExactly("rules error: script exploded");
    }

    @Test
    void rulesAddReviewersAndSeeTheChange() {
        rules = c -> {
            assertThat(c.change()).containsEntry("kind", "publish").containsEntry("targetEnvironment", "production");
            assertThat(c.resource()).containsEntry("type", "report").containsEntry("name", "Seen");
            assertThat(c.actor()).containsEntry("role", "workspace_editor");
            assertThat(c.changedPaths()).contains("/config/q", "/name");
            return decision(false, List.of(), false, List.of(), List.of("admin2@example.com"), false);
        };
        ApprovalRequest request = submit(editor, draft(editor, "Seen"));
        assertThat(request.reviewers()).containsExactly(admin2.userId());
    }

    @Test
    void withoutAnEngineRolesAndSettingsAloneDecide() {
        gate.unsetEngine(null);
        rules = c -> decision(true, List.of(), false, List.of("never"), List.of(), true);
        String report = draft(editor, "Plain");
        gate = new RulesGate();
        ResourceServiceImpl plain = new ResourceServiceImpl(store, audit, new AccessControl(), TestTypes.registry(REPORT), gate, TestTypes.SECRETS);
        assertThat(plain.publish(editor, "ws", report, null).state().name()).isEqualTo("PUBLISHED");
    }
}
