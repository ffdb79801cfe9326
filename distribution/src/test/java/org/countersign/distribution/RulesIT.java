package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Groovy rules changing approval outcomes through the running distribution (docs/domain.md#approval-rules). */
class RulesIT {

    private static final String WS = "/api/v1/workspaces/ruled";

    /**
     * The time-independent rules of docs/domain.md#approval-rules's example, plus a label-driven block and manual
     * apply.
     */
    private static final String RULES = """
            rule 'production changes need two approvers', {
                when { change.targetEnvironment == 'production' && change.kind in ['publish', 'delete'] }
                requireApproval()
                approvals 2, from: role('admin', 'workspace_editor')
            }
            rule 'four eyes', {
                forbidSelfApproval()
                forbidContributorApproval()
            }
            rule 'frozen resources', {
                when { resource.labels.frozen == 'true' }
                block 'this resource is frozen'
            }
            rule 'finance applies by hand', {
                when { resource.labels.team == 'finance' }
                applyManually()
            }
            """;

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person editor;
    static Person admin2;
    static Person syncEditor;
    static String source;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"ruled\",\"name\":\"Ruled\"}").expect(201);
        editor = fx.member(WS, "editor@example.com", "workspace_editor");
        admin2 = fx.member(WS, "admin2@example.com", "admin");
        syncEditor = fx.member(WS, "syncs@example.com", "sync_editor");
        source = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Warehouse\",\"config\":"
                + "{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}},\"mode\":\"publish\"}").expect(201)
                .json().get("id").asText();
        api.put(WS + "/rules", ADMIN_TOKEN, source(RULES)).expect(200);
    }

    private static String source(String script) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("source", script);
        return body.toString();
    }

    private static String model(String token, String name, String labels) {
        return api.post(WS + "/resources", token, "{\"type\":\"model\",\"name\":\"" + name + "\",\"labels\":" + labels
                + ",\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select 1\",\"primaryKey\":\"id\"},"
                + "\"mode\":\"draft\"}").expect(201).json().get("id").asText();
    }

    private static String submit(String token, String resource) {
        return api.post(WS + "/requests", token, "{\"resources\":[\"" + resource + "\"]}").expect(201).json().get("id")
                .asText();
    }

    private static Response approve(Person who, String request) {
        return api.post(WS + "/requests/" + request + "/approve", who.token(), "");
    }

    @Test
    void theSavedScriptIsVersionedAndShownToMembers() {
        JsonNode rules = api.get(WS + "/rules", editor.token()).expect(200).json();
        assertThat(rules.get("source").asText()).isEqualTo(RULES);
        assertThat(rules.get("managedBy").asText()).isEqualTo("api");
        api.put(WS + "/rules", editor.token(), source(RULES)).expectProblem(403, "forbidden");
    }

    @Test
    void rulesRequireApprovalEvenForRolesThatMayPublishDirectly() {
        String id = model(ADMIN_TOKEN, "Direct", "{}");
        Response refused = api.post(WS + "/resources/" + id + "/publish", ADMIN_TOKEN, "");
        refused.expectProblem(403, "approval_required");
        assertThat(refused.json().get("requirements").toString()).contains("2 approvals from members with role admin");
    }

    @Test
    void twoApproversFromTheNamedRolesAreNeededAndEditsMakeApprovalsStale() {
        String id = model(ADMIN_TOKEN, "Two approvers", "{}");
        String request = submit(ADMIN_TOKEN, id);

        JsonNode first = approve(editor, request).expect(200).json();
        assertThat(first.get("state").asText()).isEqualTo("open");
        assertThat(first.get("remainingApprovals").asInt()).isEqualTo(1);
        // a sync editor may approve, but is not in the rule's group
        JsonNode outsider = approve(syncEditor, request).expect(200).json();
        assertThat(outsider.get("remainingApprovals").asInt()).isEqualTo(1);

        api.put(WS + "/resources/" + id + "/draft", ADMIN_TOKEN, "{\"name\":\"Two approvers v2\"}").expect(200);
        JsonNode stale = api.get(WS + "/requests/" + request, ADMIN_TOKEN).expect(200).json();
        assertThat(stale.get("remainingApprovals").asInt()).isEqualTo(2);
        assertThat(stale.get("reviews").findValuesAsText("stale")).containsOnly("true");

        assertThat(approve(editor, request).expect(200).json().get("state").asText()).isEqualTo("open");
        assertThat(approve(admin2, request).expect(200).json().get("state").asText()).isEqualTo("applied");
    }

    @Test
    void contributorsCannotApproveTheirOwnWork() {
        String id = model(ADMIN_TOKEN, "Shared", "{}");
        api.put(WS + "/resources/" + id + "/draft", editor.token(), "{\"name\":\"Shared by editor\"}").expect(200);
        String request = submit(ADMIN_TOKEN, id);
        approve(editor, request).expectProblem(403, "self_approval_forbidden");
    }

    @Test
    void aBlockHoldsTheApprovedRequestUntilTheRulesChange() {
        String id = model(ADMIN_TOKEN, "Frozen", "{\"frozen\":\"true\"}");
        String request = submit(ADMIN_TOKEN, id);
        approve(editor, request).expect(200);
        JsonNode approved = approve(admin2, request).expect(200).json();
        assertThat(approved.get("state").asText()).isEqualTo("approved");
        assertThat(approved.get("blockedBy").get(0).asText()).isEqualTo("this resource is frozen");
        api.post(WS + "/requests/" + request + "/apply", ADMIN_TOKEN, "").expectProblem(409, "blocked");

        api.put(WS + "/rules", ADMIN_TOKEN, source(RULES.replace("block 'this resource is frozen'", "requireApproval()")))
                .expect(200);
        try {
            assertThat(api.post(WS + "/requests/" + request + "/apply", ADMIN_TOKEN, "").expect(200).json().get("state")
                    .asText()).isEqualTo("applied");
        } finally {
            api.put(WS + "/rules", ADMIN_TOKEN, source(RULES)).expect(200);
        }
    }

    @Test
    void manualApplyStopsAtApproved() {
        String id = model(ADMIN_TOKEN, "Ledger", "{\"team\":\"finance\"}");
        String request = submit(ADMIN_TOKEN, id);
        approve(editor, request).expect(200);
        assertThat(approve(admin2, request).expect(200).json().get("state").asText()).isEqualTo("approved");
        api.post(WS + "/requests/" + request + "/withdraw", syncEditor.token(), "").expect(200);
    }

    @Test
    void hostileScriptsAreRefusedWithTheirPositionAndChangeNothing() {
        int version = api.get(WS + "/rules", ADMIN_TOKEN).json().get("version").asInt();
        for (String hostile : List.of("System.exit(1)", "'rm -rf /'.execute()", "new File('/etc/passwd').text",
                "rule 'x', {\n  when { this.class.classLoader }\n}", "@Grab('a:b:1') import a.B", "while (true) { }",
                "Eval.me('1')", "rule 'x', { when { 'a' * 1000000000 } }")) {
            Response refused = api.put(WS + "/rules", ADMIN_TOKEN, source(hostile));
            refused.expectProblem(400, "invalid_rules");
            assertThat(refused.json().at("/errors/0/line").asInt()).as(hostile).isPositive();
        }
        assertThat(api.get(WS + "/rules", ADMIN_TOKEN).json().get("version").asInt()).isEqualTo(version);
        assertThat(api.get("/health", null).json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void aRulesFileInTheRuntimeFolderManagesItsWorkspace() throws Exception {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"filed\",\"name\":\"Filed\"}").expect(201);
        String filed = "/api/v1/workspaces/filed/rules";
        Path file = server.home().resolve("rules/filed.groovy");
        Files.writeString(file, "rule 'from a file', { requireApproval() }");
        Await.until(Duration.ofSeconds(15), () ->
                assertThat(api.get(filed, ADMIN_TOKEN).json().get("managedBy").asText()).isEqualTo("file"));
        JsonNode rules = api.get(filed, ADMIN_TOKEN).json();
        assertThat(rules.get("source").asText()).isEqualTo("rule 'from a file', { requireApproval() }");
        api.put(filed, ADMIN_TOKEN, source(RULES)).expectProblem(409, "managed_by_file");

        // a file that does not compile still counts: the workspace fails closed and the rules say why
        Files.writeString(file, "rule 'broken', {\n    when { resource.nosuch == 1 }\n}");
        Await.until(Duration.ofSeconds(15), () ->
                assertThat(api.get(filed, ADMIN_TOKEN).json().get("errors")).isNotEmpty());
        JsonNode broken = api.get(filed, ADMIN_TOKEN).json();
        assertThat(broken.get("managedBy").asText()).isEqualTo("file");
        assertThat(broken.at("/errors/0/line").asInt()).isEqualTo(2);
        String ws = "/api/v1/workspaces/filed";
        api.post(ws + "/resources", ADMIN_TOKEN, "{\"type\":\"destination\",\"name\":\"CRM\","
                + "\"config\":{\"kind\":\"salesforce\"},\"mode\":\"publish\"}").expectProblem(409, "blocked");

        Files.delete(file);
        Await.until(Duration.ofSeconds(15), () ->
                assertThat(api.get(filed, ADMIN_TOKEN).json().get("managedBy").asText()).isEqualTo("api"));
        api.put(filed, ADMIN_TOKEN, source(RULES)).expect(200);
    }

    @Test
    void aRulesFileWrittenBeforeItsWorkspaceAppliesFromTheMomentItIsCreated() throws Exception {
        Files.writeString(server.home().resolve("rules/early.groovy"), "rule 'early', { block 'not yet' }");
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"early\",\"name\":\"Early\"}").expect(201);
        // in force at once, not a scan later: the very first change is blocked
        api.post("/api/v1/workspaces/early/resources", ADMIN_TOKEN, "{\"type\":\"destination\",\"name\":\"CRM\","
                + "\"config\":{\"kind\":\"salesforce\"},\"mode\":\"publish\"}").expectProblem(409, "blocked");
        JsonNode rules = api.get("/api/v1/workspaces/early/rules", ADMIN_TOKEN).expect(200).json();
        assertThat(rules.get("managedBy").asText()).isEqualTo("file");
        assertThat(rules.get("errors")).isEmpty();
    }

    @Test
    void withGovernRulesAChangeToTheRulesNeedsApproval() {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"governed\",\"name\":\"Governed\"}").expect(201);
        String governed = "/api/v1/workspaces/governed";
        api.put(governed + "/members/" + editor.id(), ADMIN_TOKEN, "{\"role\":\"workspace_editor\"}").expect(200);
        api.put(governed + "/members/" + admin2.id(), ADMIN_TOKEN, "{\"role\":\"admin\"}").expect(200);
        api.patch(governed + "/settings", ADMIN_TOKEN, "{\"governRules\":true}").expect(200);

        api.put(governed + "/rules", ADMIN_TOKEN, source("System.exit(1)")).expectProblem(400, "invalid_rules");
        Response proposed = api.put(governed + "/rules", ADMIN_TOKEN, source("rule 'governed', { requireApproval() }"));
        assertThat(proposed.expect(202).json().get("version").asInt()).isZero();
        String request = proposed.json().get("pendingRequest").asText();
        JsonNode pending = api.get(governed + "/requests/" + request, editor.token()).expect(200).json();
        assertThat(pending.at("/items/0/type").asText()).isEqualTo("rules");
        assertThat(pending.at("/items/0/diff/textDiffs/0/lines").toString()).contains("+rule 'governed'");

        api.post(governed + "/requests/" + request + "/approve", ADMIN_TOKEN, "").expectProblem(403,
                "self_approval_forbidden");
        // rules stay in the hands of those who may manage the workspace
        api.post(governed + "/requests/" + request + "/approve", editor.token(), "").expectProblem(403, "not_eligible");
        assertThat(api.post(governed + "/requests/" + request + "/approve", admin2.token(), "").expect(200).json()
                .get("state").asText()).isEqualTo("applied");
        JsonNode live = api.get(governed + "/rules", ADMIN_TOKEN).expect(200).json();
        assertThat(live.get("source").asText()).isEqualTo("rule 'governed', { requireApproval() }");
        assertThat(live.get("version").asInt()).isEqualTo(1);
        assertThat(live.get("pendingRequest").isNull()).isTrue();
        api.post(governed + "/resources", ADMIN_TOKEN, "{\"type\":\"rules\",\"name\":\"x\",\"config\":{}}")
                .expectProblem(400, "validation_failed");
    }

    @Test
    void anUnsavedScriptCanBeTriedFirst() {
        JsonNode decision = api.post(WS + "/rules/evaluate", ADMIN_TOKEN, "{\"source\":\"rule 'pii', { when { "
                + "resource.labels.pii == 'true' }\\n approvals 1, from: owners() }\",\"change\":{\"kind\":\"publish\","
                + "\"targetEnvironment\":\"production\"},\"resource\":{\"type\":\"model\",\"labels\":{\"pii\":\"true\"}}}")
                .expect(200).json();
        assertThat(decision.get("matchedRules").get(0).asText()).isEqualTo("pii");
        assertThat(decision.at("/requirements/0/group").asText()).isEqualTo("owners");
        assertThat(api.get(WS + "/rules", ADMIN_TOKEN).json().get("source").asText()).isEqualTo(RULES);
    }

    @Test
    void twentyReviewersApprovingATwoApprovalRequestAtOnceApplyItOnce() throws Exception {
        List<Person> reviewers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reviewers.add(fx.member(WS, "r" + i + "@example.com", "workspace_editor"));
        }
        String id = model(ADMIN_TOKEN, "Contested", "{}");
        String request = submit(ADMIN_TOKEN, id);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        for (Person reviewer : reviewers) {
            answers.add(pool.submit(() -> {
                go.await();
                Response response = approve(reviewer, request);
                return response.status() == 200 ? response.json() : null;
            }));
        }
        go.countDown();
        List<String> states = new ArrayList<>();
        for (Future<JsonNode> answer : answers) {
            JsonNode body = answer.get();
            states.add(body == null ? "refused" : body.get("state").asText());
        }
        pool.shutdown();
        assertThat(states.stream().filter("applied"::equals)).hasSize(1);
        assertThat(states.stream().filter("open"::equals)).hasSize(1);
        assertThat(states.stream().filter("refused"::equals)).hasSize(18);
        assertThat(api.get(WS + "/resources/" + id + "/revisions", ADMIN_TOKEN).json().get("items")).hasSize(1);
        assertThat(api.get(WS + "/audit/verify", ADMIN_TOKEN).json().get("ok").asBoolean()).isTrue();
    }
}
