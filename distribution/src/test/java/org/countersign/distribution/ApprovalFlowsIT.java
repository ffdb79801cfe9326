package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The approval flows of seeds/000 and seeds/001 and the state machine of docs/domain.md#approval-requests, over HTTP.
 */
class ApprovalFlowsIT {

    private static final String WS = "/api/v1/workspaces/flows";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person dana;
    static Person erin;
    static Person finn;
    static Person vic;
    static String source;
    static String destination;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"flows\",\"name\":\"Flows\"}").expect(201);
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200);
        dana = fx.member(WS, "dana@example.com", "workspace_draft_editor");
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        finn = fx.member(WS, "finn@example.com", "model_sync_editor");
        vic = fx.member(WS, "vic@example.com", "workspace_viewer");
        source = create(ADMIN_TOKEN, "source", "Warehouse", "{\"kind\":\"snowflake\",\"connection\":{\"account\":\"acme\"}}",
                "publish");
        destination = create(ADMIN_TOKEN, "destination", "CRM", "{\"kind\":\"salesforce\"}", "publish");
    }

    private static String create(String token, String type, String name, String config, String mode) {
        return api.post(WS + "/resources", token, "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"config\":"
                + config + ",\"mode\":\"" + mode + "\"}").expect(201).json().get("id").asText();
    }

    private static String modelConfig(String query) {
        return "{\"sourceId\":\"" + source + "\",\"query\":\"" + query + "\",\"primaryKey\":\"id\"}";
    }

    private static String syncConfig(String model, String schedule) {
        return "{\"modelId\":\"" + model + "\",\"destinationId\":\"" + destination + "\",\"mode\":\"upsert\","
                + "\"schedule\":{\"type\":\"" + schedule + "\",\"everyMinutes\":60},\"description\":\"nightly\"}";
    }

    private static JsonNode submit(Person author, List<String> resources, List<String> reviewers) {
        String body = "{\"kind\":\"publish\",\"resources\":" + json(resources) + ",\"reviewers\":" + json(reviewers)
                + ",\"comment\":\"please review\"}";
        return api.post(WS + "/requests", author.token(), body).expect(201).json();
    }

    private static Response act(Person who, String requestId, String action, String comment) {
        String body = comment == null ? "" : "{\"comment\":\"" + comment + "\"}";
        return api.post(WS + "/requests/" + requestId + "/" + action, who.token(), body);
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").toList().toString().replace(" ", "");
    }

    /** The ids on a reviewer's pending tab. */
    private static List<String> pending(Person reviewer) {
        List<String> ids = new ArrayList<>();
        api.get(WS + "/requests?reviewer=me", reviewer.token()).expect(200).json().get("items")
                .forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    private static JsonNode resource(String id) {
        return api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json();
    }

    @Test
    void aDraftEditorSubmitsToAChosenReviewerWhoApprovesAndPublishes() {
        Response direct = api.post(WS + "/resources", dana.token(), "{\"type\":\"model\",\"name\":\"Users\",\"config\":"
                + modelConfig("select id from users") + ",\"mode\":\"publish\"}");
        direct.expectProblem(403, "approval_required");
        assertThat(direct.json().at("/requirements/0/needed").asInt()).isEqualTo(1);
        assertThat(api.get(WS + "/resources?type=model", ADMIN_TOKEN).json().toString()).doesNotContain("\"Users\"");

        String model = create(dana.token(), "model", "Users", modelConfig("select id from users"), "draft");
        Response saved = api.withBody("PUT", WS + "/resources/" + model + "/draft", dana.token(),
                "{\"config\":" + modelConfig("select id, email\\nfrom users") + "}");
        saved.expect(200);
        assertThat(saved.headers().firstValue("ETag")).contains("\"2\"");
        api.post(WS + "/resources/" + model + "/publish", dana.token(), "").expectProblem(403, "approval_required");

        JsonNode request = submit(dana, List.of(model), List.of(erin.id()));
        String id = request.get("id").asText();
        assertThat(request.get("state").asText()).isEqualTo("open");
        assertThat(request.get("remainingApprovals").asInt()).isEqualTo(1);
        assertThat(request.at("/reviewers/0").asText()).isEqualTo(erin.id());
        assertThat(request.at("/items/0/draftVersion").asInt()).isEqualTo(2);
        assertThat(request.at("/items/0/diff/textDiffs/0/path").asText()).isEqualTo("/config/query");
        assertThat(request.at("/items/0/diff/textDiffs/0/lines").toString()).contains("+from users");
        assertThat(resource(model).get("openRequest").asText()).isEqualTo(id);
        assertThat(pending(erin)).contains(id);
        assertThat(pending(dana)).as("authors cannot approve their own").doesNotContain(id);
        assertThat(pending(vic)).as("viewers cannot approve").doesNotContain(id);
        assertThat(api.get(WS + "/requests?author=me", dana.token()).json().get("items").findValuesAsText("number"))
                .isNotEmpty();

        act(dana, id, "approve", null).expectProblem(403, "self_approval_forbidden");
        act(vic, id, "approve", null).expectProblem(403, "not_eligible");
        act(erin, id, "apply", null).expectProblem(409, "invalid_state");

        JsonNode applied = act(erin, id, "approve", "ship it").expect(200).json();
        assertThat(applied.get("state").asText()).isEqualTo("applied");
        assertThat(applied.get("remainingApprovals").asInt()).isZero();
        assertThat(applied.at("/requirements/0/approvedBy/0").asText()).isEqualTo(erin.id());
        assertThat(applied.get("timeline").findValuesAsText("action")).containsExactly("submitted", "approved", "applied");
        JsonNode published = resource(model);
        assertThat(published.get("state").asText()).isEqualTo("published");
        assertThat(published.at("/published/production/revision").asInt()).isEqualTo(1);
        assertThat(published.at("/published/production/config/query").asText()).isEqualTo("select id, email\nfrom users");
        assertThat(published.get("draft").isNull()).isTrue();
        act(erin, id, "withdraw", null).expectProblem(409, "invalid_state");
        assertThat(api.get(WS + "/audit/verify", ADMIN_TOKEN).json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void anApproverWhoWasNotAskedMayStillApprove() {
        String model = create(dana.token(), "model", "Orders", modelConfig("select * from orders"), "draft");
        String id = submit(dana, List.of(model), List.of(erin.id())).get("id").asText();
        assertThat(act(finn, id, "approve", null).expect(200).json().get("state").asText()).isEqualTo("applied");
    }

    @Test
    void withdrawingKeepsTheDraftAndDiscardingDeletesIt() {
        String model = create(dana.token(), "model", "Leads", modelConfig("select * from leads"), "draft");
        String first = submit(dana, List.of(model), List.of()).get("id").asText();
        api.post(WS + "/requests", dana.token(), "{\"resources\":[\"" + model + "\"]}").expectProblem(409, "draft_in_request");
        api.delete(WS + "/resources/" + model + "/draft", dana.token()).expectProblem(409, "draft_in_request");

        assertThat(act(dana, first, "withdraw", "not yet").expect(200).json().get("state").asText()).isEqualTo("withdrawn");
        JsonNode kept = resource(model);
        assertThat(kept.get("draft").get("version").asInt()).isEqualTo(1);
        assertThat(kept.get("openRequest").isNull()).isTrue();
        act(erin, first, "approve", null).expectProblem(409, "invalid_state");

        String second = submit(dana, List.of(model), List.of()).get("id").asText();
        assertThat(act(dana, second, "discard", null).expect(200).json().get("state").asText()).isEqualTo("discarded");
        api.get(WS + "/resources/" + model, ADMIN_TOKEN).expectProblem(404, "not_found");
        act(dana, second, "withdraw", null).expectProblem(409, "invalid_state");
    }

    @Test
    void requestedChangesFreezeApprovalUntilTheDraftIsEdited() {
        String model = create(dana.token(), "model", "Accounts", modelConfig("select * from accounts"), "draft");
        String id = submit(dana, List.of(model), List.of(erin.id())).get("id").asText();
        act(erin, id, "request-changes", null).expectProblem(400, "comment_required");
        JsonNode frozen = act(erin, id, "request-changes", "filter deleted accounts").expect(200).json();
        assertThat(frozen.get("state").asText()).isEqualTo("changes_requested");
        act(erin, id, "approve", null).expectProblem(409, "invalid_state");

        api.put(WS + "/resources/" + model + "/draft", dana.token(),
                "{\"config\":" + modelConfig("select * from accounts where not deleted") + "}").expect(200);
        JsonNode reopened = api.get(WS + "/requests/" + id, erin.token()).expect(200).json();
        assertThat(reopened.get("state").asText()).isEqualTo("open");
        assertThat(reopened.at("/items/0/draftVersion").asInt()).isEqualTo(2);
        assertThat(reopened.at("/reviews/0/stale").asBoolean()).isTrue();
        assertThat(reopened.get("timeline").findValuesAsText("action")).contains("changes_requested", "draft_updated");

        assertThat(act(erin, id, "approve", null).expect(200).json().get("state").asText()).isEqualTo("applied");
        assertThat(resource(model).at("/published/production/config/query").asText())
                .isEqualTo("select * from accounts where not deleted");
    }

    @Test
    void aDeclinedRequestEndsAndKeepsTheDraft() {
        String model = create(dana.token(), "model", "Churn", modelConfig("select 1"), "draft");
        String id = submit(dana, List.of(model), List.of()).get("id").asText();
        act(dana, id, "decline", null).expectProblem(403, "self_approval_forbidden");
        assertThat(act(erin, id, "decline", "wrong table").expect(200).json().get("state").asText()).isEqualTo("declined");
        for (String action : List.of("approve", "decline", "withdraw", "discard", "apply")) {
            act(erin, id, action, "x").expectProblem(409, "invalid_state");
        }
        assertThat(resource(model).get("draft").get("version").asInt()).isEqualTo(1);
        api.post(WS + "/requests/" + id + "/comments", erin.token(), "{\"body\":\"try again\"}").expect(200);
        api.post(WS + "/requests/" + id + "/comments", erin.token(), "{\"body\":\" \"}").expectProblem(400, "comment_required");
    }

    @Test
    void aSyncOnADraftModelCannotRunUntilBothArePublished() {
        String model = create(ADMIN_TOKEN, "model", "Signups", modelConfig("select * from signups"), "draft");
        String sync = create(ADMIN_TOKEN, "sync", "Signups to CRM", syncConfig(model, "interval"), "draft");
        api.post(WS + "/resources/" + sync + "/runs", ADMIN_TOKEN, "").expectProblem(409, "dependency_unpublished");
        api.post(WS + "/resources/" + sync + "/publish", ADMIN_TOKEN, "").expectProblem(409, "dependency_unpublished");

        // published together in one change set, the reference is satisfied
        JsonNode request = submit(new Person(null, null, ADMIN_TOKEN), List.of(model, sync), List.of());
        assertThat(act(erin, request.get("id").asText(), "approve", null).expect(200).json().get("state").asText())
                .isEqualTo("applied");
        assertThat(resource(model).get("state").asText()).isEqualTo("published");
        assertThat(resource(sync).get("state").asText()).isEqualTo("published");

        api.put(WS + "/resources/" + model + "/draft", ADMIN_TOKEN, "{\"config\":" + modelConfig("select 2") + "}").expect(200);
        // the sync's view shows that its model is being changed
        JsonNode dependency = resource(sync).at("/dependencies/0");
        assertThat(dependency.get("resourceId").asText()).isEqualTo(model);
        assertThat(dependency.get("state").asText()).isEqualTo("changed");
        assertThat(dependency.get("draftVersion").asInt()).isEqualTo(1);
        Response blocked = api.post(WS + "/resources/" + sync + "/runs", ADMIN_TOKEN, "");
        blocked.expectProblem(409, "dependency_unpublished");
        assertThat(blocked.json().get("detail").asText()).contains("pending draft");
        api.post(WS + "/resources/" + model + "/publish", ADMIN_TOKEN, "").expect(200);
        JsonNode run = api.post(WS + "/resources/" + sync + "/runs", ADMIN_TOKEN, "").expect(202).json();
        assertThat(run.get("environment").asText()).isEqualTo("production");
        api.post(WS + "/resources/" + sync + "/runs", vic.token(), "").expectProblem(403, "forbidden");
    }

    @Test
    void aChangeSetPublishesAllOrNothing() {
        String newSource = create(ADMIN_TOKEN, "source", "Lake", "{\"kind\":\"databricks\",\"connection\":{\"host\":\"lake\"}}", "draft");
        String unpublishedModel = create(ADMIN_TOKEN, "model", "Pending", modelConfig("select 3"), "draft");
        String sync = create(ADMIN_TOKEN, "sync", "Broken", syncConfig(unpublishedModel, "manual"), "draft");
        String id = submit(new Person(null, null, ADMIN_TOKEN), List.of(newSource, sync), List.of()).get("id").asText();

        act(erin, id, "approve", null).expectProblem(409, "dependency_unpublished");
        assertThat(resource(newSource).get("state").asText()).isEqualTo("draft");
        assertThat(resource(sync).get("state").asText()).isEqualTo("draft");
        JsonNode still = api.get(WS + "/requests/" + id, ADMIN_TOKEN).expect(200).json();
        assertThat(still.get("state").asText()).isEqualTo("open");
        assertThat(still.get("reviews")).isEmpty();
    }

    @Test
    void onlyApprovalRelevantEditsOfASyncNeedApproval() {
        String model = create(ADMIN_TOKEN, "model", "Events", modelConfig("select * from events"), "publish");
        String sync = create(ADMIN_TOKEN, "sync", "Events to CRM", syncConfig(model, "interval"), "publish");
        api.put(WS + "/resources/" + sync + "/draft", dana.token(), "{\"config\":"
                + syncConfig(model, "interval").replace("nightly", "every hour") + "}").expect(200);
        api.post(WS + "/resources/" + sync + "/publish", dana.token(), "").expect(200);
        assertThat(resource(sync).at("/published/production/revision").asInt()).isEqualTo(2);

        api.put(WS + "/resources/" + sync + "/draft", dana.token(), "{\"config\":" + syncConfig(model, "manual") + "}").expect(200);
        Response needs = api.post(WS + "/resources/" + sync + "/publish", dana.token(), "");
        needs.expectProblem(403, "approval_required");
        assertThat(needs.json().get("reasons").toString()).contains("workspace_draft_editor");
    }

    @Test
    void aPolicyIsReviewedByTheOwnersOfItsDataSources() {
        String owned = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"HR\",\"owners\":[\""
                + finn.id() + "\"],\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"hr\"}},"
                + "\"mode\":\"publish\"}").expect(201).json().get("id").asText();
        String policy = create(dana.token(), "policy", "Mask salaries", "{\"actions\":[{\"type\":\"mask\","
                + "\"columnTags\":[\"salary\"]}],\"dataSources\":[\"" + owned + "\"]}", "draft");
        JsonNode request = submit(dana, List.of(policy), List.of());
        assertThat(request.get("reviewers").toString()).contains(finn.id());
        assertThat(pending(finn)).contains(request.get("id").asText());
    }

    @Test
    void deletingAGovernedResourceGoesThroughApproval() {
        String model = create(ADMIN_TOKEN, "model", "Old", modelConfig("select 4"), "publish");
        api.delete(WS + "/resources/" + model, dana.token()).expectProblem(403, "approval_required");
        JsonNode request = api.post(WS + "/requests", dana.token(),
                "{\"kind\":\"delete\",\"resources\":[\"" + model + "\"]}").expect(201).json();
        assertThat(request.at("/items/0/diff/changes").toString()).contains("remove");
        assertThat(act(erin, request.get("id").asText(), "approve", null).expect(200).json().get("state").asText())
                .isEqualTo("applied");
        api.get(WS + "/resources/" + model, ADMIN_TOKEN).expectProblem(404, "not_found");
        assertThat(api.get(WS + "/requests/" + request.get("id").asText(), dana.token()).expect(200).json()
                .at("/items/0/name").asText()).isEqualTo("Old");
    }

    @Test
    void twentyReviewersApprovingAtOnceApplyExactlyOnce() throws Exception {
        List<Person> reviewers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            reviewers.add(fx.member(WS, "reviewer" + i + "@example.com", "workspace_editor"));
        }
        String model = create(dana.token(), "model", "Contested", modelConfig("select 5"), "draft");
        String id = submit(dana, List.of(model), List.of()).get("id").asText();

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (Person reviewer : reviewers) {
            answers.add(pool.submit(() -> {
                go.await();
                return act(reviewer, id, "approve", null);
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            statuses.add(answer.get().status());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(api.get(WS + "/resources/" + model + "/revisions", ADMIN_TOKEN).expect(200).json().get("items")).hasSize(1);
        JsonNode events = api.get(WS + "/audit?limit=500", ADMIN_TOKEN).json().get("items");
        long applied = 0;
        for (JsonNode event : events) {
            if (event.get("action").asText().equals("request.applied") && event.get("target").asText().equals(id)) {
                applied++;
            }
        }
        assertThat(applied).isEqualTo(1);
        assertThat(api.get(WS + "/audit/verify", ADMIN_TOKEN).json().get("ok").asBoolean()).isTrue();
    }
}
