package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A real countersignature (docs/domain.md#approval-requests): nobody approves content they wrote, an approval is bound
 * to the content the reviewer saw, and only the right people discard, withdraw, apply or review. Each test tries the
 * side door a hostile member would try, through the running distribution.
 */
class ApprovalIntegrityIT {

    private static final String WS = "/api/v1/workspaces/integrity";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person dana;
    static Person dave;
    static Person erin;
    static Person finn;
    static Person gail;
    static Person vic;
    static String source;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        fx.workspace("integrity");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,"
                + "\"environments\":[\"development\",\"production\"]}").expect(200);
        dana = fx.member(WS, "dana@example.com", "workspace_draft_editor");
        dave = fx.member(WS, "dave@example.com", "workspace_draft_editor");
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        finn = fx.member(WS, "finn@example.com", "workspace_editor");
        gail = fx.member(WS, "gail@example.com", "model_sync_editor");
        vic = fx.member(WS, "vic@example.com", "workspace_viewer");
        source = fx.publishedSource(WS, "Warehouse");
    }

    private static String model(Person author, String name, String query) {
        return api.post(WS + "/resources", author.token(), "{\"type\":\"model\",\"name\":\"" + name + "\",\"config\":"
                + config(query) + ",\"mode\":\"draft\"}").expect(201).json().get("id").asText();
    }

    private static String config(String query) {
        return "{\"sourceId\":\"" + source + "\",\"query\":\"" + query + "\",\"primaryKey\":\"id\"}";
    }

    private static Response submitBody(Person author, String body) {
        return api.post(WS + "/requests", author.token(), body);
    }

    private static String submit(Person author, String resource, String... reviewers) {
        String named = String.join("\",\"", reviewers);
        return submitBody(author, "{\"resources\":[\"" + resource + "\"],\"reviewers\":["
                + (reviewers.length == 0 ? "" : "\"" + named + "\"") + "]}").expect(201).json().get("id").asText();
    }

    private static Response act(Person who, String request, String action) {
        return api.post(WS + "/requests/" + request + "/" + action, who.token(), "");
    }

    private static Response approveSeen(Person who, String request, String digest) {
        return api.send(api.request(WS + "/requests/" + request + "/approve")
                .header("Authorization", "Bearer " + who.token()).header("If-Match", "\"" + digest + "\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    }

    private static Response edit(Person who, String resource, String query) {
        return api.put(WS + "/resources/" + resource + "/draft", who.token(), "{\"config\":" + config(query) + "}");
    }

    private static JsonNode resource(String id) {
        return api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json();
    }

    @Test
    void anApproverWhoEditedTheDraftInsideSomeoneElsesRequestCannotApproveIt() {
        String model = model(dana, "Users", "select id from users");
        String request = submit(dana, model, finn.id());
        edit(erin, model, "select id, ssn from users").expect(200);

        act(erin, request, "approve").expectProblem(403, "self_approval_forbidden");
        assertThat(api.get(WS + "/requests?reviewer=me", erin.token()).json().get("items").findValuesAsText("id"))
                .doesNotContain(request);
        assertThat(act(finn, request, "approve").expect(200).json().get("state").asText()).isEqualTo("applied");
    }

    @Test
    void aDraftWrittenByOneAndSubmittedByAnotherIsApprovedByNeither() {
        String model = model(erin, "Orders", "select * from orders");
        String request = submit(dana, model);

        act(erin, request, "approve").expectProblem(403, "self_approval_forbidden");
        act(dana, request, "approve").expectProblem(403, "self_approval_forbidden");
        assertThat(act(finn, request, "approve").expect(200).json().get("state").asText()).isEqualTo("applied");

        // the revision tells who wrote it apart from who made it live
        JsonNode revision = api.get(WS + "/resources/" + model + "/revisions", ADMIN_TOKEN).expect(200).json()
                .at("/items/0");
        assertThat(revision.get("author").asText()).isEqualTo(erin.id());
        assertThat(revision.get("publishedBy").asText()).isEqualTo(finn.id());
        assertThat(resource(model).at("/published/development/publishedBy").asText()).isEqualTo(finn.id());
    }

    @Test
    void anApprovalIsBoundToTheDigestTheReviewerSaw() {
        String model = model(dana, "Leads", "select * from leads");
        String request = submit(dana, model);
        Response seen = api.get(WS + "/requests/" + request, erin.token()).expect(200);
        String digest = seen.json().get("digest").asText();
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(seen.header("ETag")).isEqualTo("\"" + digest + "\"");

        edit(dana, model, "select * from leads where consent").expect(200);
        JsonNode changed = api.get(WS + "/requests/" + request, erin.token()).expect(200).json();
        assertThat(changed.get("digest").asText()).isNotEqualTo(digest);

        approveSeen(erin, request, digest).expectProblem(412, "stale_version");
        assertThat(api.get(WS + "/requests/" + request, erin.token()).json().get("reviews")).isEmpty();
        approveSeen(erin, request, "not-a-digest").expectProblem(400, "validation_failed");

        JsonNode applied = approveSeen(erin, request, changed.get("digest").asText()).expect(200).json();
        assertThat(applied.get("state").asText()).isEqualTo("applied");
        assertThat(applied.at("/reviews/0/digest").asText()).isEqualTo(changed.get("digest").asText());
        assertThat(resource(model).at("/published/development/config/query").asText())
                .isEqualTo("select * from leads where consent");
    }

    @Test
    void anEditRacingAnApprovalNeverPublishesTheEditUnderTheOriginalApproval() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int approvedFirst = 0;
        int editedFirst = 0;
        try {
            for (int round = 0; round < 30; round++) {
                String model = model(dana, "Race " + round, "select 1");
                String request = submit(dana, model);
                String digest = api.get(WS + "/requests/" + request, erin.token()).expect(200).json().get("digest")
                        .asText();
                CountDownLatch go = new CountDownLatch(1);
                Future<Response> approval = pool.submit(() -> {
                    go.await();
                    return approveSeen(erin, request, digest);
                });
                Future<Response> change = pool.submit(() -> {
                    go.await();
                    return edit(dana, model, "select 2");
                });
                go.countDown();
                Response approved = approval.get();
                change.get().expect(200);

                JsonNode live = resource(model);
                if (approved.status() == 200) {
                    approvedFirst++;
                    // what went live is exactly what erin saw; dana's edit is a new draft for another review
                    assertThat(live.at("/published/development/config/query").asText()).isEqualTo("select 1");
                    assertThat(live.at("/draft/config/query").asText()).isEqualTo("select 2");
                } else {
                    editedFirst++;
                    approved.expectProblem(412, "stale_version");
                    assertThat(live.get("published")).as("nothing went live").isEmpty();
                    JsonNode open = api.get(WS + "/requests/" + request, erin.token()).json();
                    assertThat(open.get("state").asText()).isEqualTo("open");
                    assertThat(open.get("remainingApprovals").asInt()).isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(approvedFirst + editedFirst).isEqualTo(30);
    }

    @Test
    void onlyTheAuthorOrAnApproverOfEveryItemMayDiscardOrWithdraw() {
        String model = model(dana, "Accounts", "select * from accounts");
        String request = submit(dana, model);

        act(dave, request, "discard").expectProblem(403, "forbidden");
        act(dave, request, "withdraw").expectProblem(403, "forbidden");
        act(vic, request, "withdraw").expectProblem(403, "forbidden");
        JsonNode kept = resource(model);
        assertThat(kept.get("draft").get("version").asInt()).isEqualTo(1);
        assertThat(kept.get("openRequest").asText()).isEqualTo(request);

        assertThat(act(erin, request, "withdraw").expect(200).json().get("state").asText()).isEqualTo("withdrawn");
        String again = submit(dana, model);
        assertThat(act(dana, again, "discard").expect(200).json().get("state").asText()).isEqualTo("discarded");
    }

    @Test
    void anApprovedPromotionIsAppliedByItsRequesterOrSomeoneWhoMayChangeItDirectly() {
        fx.workspace("promoting");
        String ws = "/api/v1/workspaces/promoting";
        api.patch(ws + "/settings", ADMIN_TOKEN, "{\"environments\":[\"development\",\"production\"],"
                + "\"promotion\":{\"enabled\":true}}").expect(200);
        fx.member(ws, dana, "workspace_draft_editor");
        fx.member(ws, erin, "workspace_editor");
        fx.member(ws, finn, "workspace_editor");
        fx.member(ws, gail, "model_sync_editor");
        String warehouse = fx.publishedSource(ws, "W");
        String model = api.post(ws + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"M\",\"config\":"
                + "{\"sourceId\":\"" + warehouse + "\",\"query\":\"select 1\",\"primaryKey\":\"id\"},\"mode\":\"publish\"}")
                .expect(201).json().get("id").asText();
        String request = api.post(ws + "/requests", erin.token(), "{\"kind\":\"promote\",\"resources\":[\"" + model
                + "\"],\"comment\":\"release\"}").expect(201).json().get("id").asText();
        // a promotion holds no drafts: discarding it is refused, and a draft of the resource outside it stays
        api.put(ws + "/resources/" + model + "/draft", erin.token(), "{\"name\":\"M next\"}").expect(200);
        api.post(ws + "/requests/" + request + "/discard", erin.token(), "").expectProblem(409, "invalid_state");
        assertThat(api.get(ws + "/resources/" + model, erin.token()).json().at("/draft/name").asText())
                .isEqualTo("M next");
        JsonNode approved = api.post(ws + "/requests/" + request + "/approve", finn.token(), "").expect(200).json();
        assertThat(approved.get("state").asText()).isEqualTo("approved");
        assertThat(approved.get("timeline").findValuesAsText("action")).containsExactly("submitted", "approved",
                "ready");

        // dana may update models only through drafts: she may not push someone else's promotion live
        api.post(ws + "/requests/" + request + "/apply", dana.token(), "").expectProblem(403, "forbidden");
        assertThat(api.post(ws + "/requests/" + request + "/apply", gail.token(), "").expect(200).json().get("state")
                .asText()).isEqualTo("applied");
    }

    @Test
    void declineIsRefusedOnceChangesWereRequested() {
        String model = model(dana, "Invoices", "select * from invoices");
        String request = submit(dana, model);
        api.post(WS + "/requests/" + request + "/request-changes", erin.token(), "{\"comment\":\"add a filter\"}")
                .expect(200);
        act(finn, request, "decline").expectProblem(409, "invalid_state");
        assertThat(api.get(WS + "/requests/" + request, ADMIN_TOKEN).json().get("state").asText())
                .isEqualTo("changes_requested");
    }

    @Test
    void requestedReviewersMustBeAbleToApproveAndMayBeNamedByEmail() {
        String model = model(dana, "Payments", "select * from payments");
        Response viewer = submitBody(dana, "{\"resources\":[\"" + model + "\"],\"reviewers\":[\"" + erin.id() + "\",\""
                + vic.id() + "\"]}");
        viewer.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(viewer)).containsExactly("/reviewers/1");
        Response self = submitBody(dana, "{\"resources\":[\"" + model + "\"],\"reviewers\":[\"" + dana.email() + "\"]}");
        self.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(self)).containsExactly("/reviewers/0");
        Response stranger = submitBody(dana, "{\"resources\":[\"" + model + "\"],\"reviewers\":[\"nobody@example.com\"]}");
        stranger.expectProblem(400, "validation_failed");
        assertThat(resource(model).get("openRequest").isNull()).as("nothing was submitted").isTrue();

        JsonNode request = submitBody(dana, "{\"resources\":[\"" + model + "\"],\"reviewers\":[\"" + erin.email()
                + "\"]}").expect(201).json();
        assertThat(request.at("/reviewers/0").asText()).isEqualTo(erin.id());
        // people are named, not left as bare ids, for every member who can see the request
        JsonNode seenByViewer = api.get(WS + "/requests/" + request.get("id").asText(), vic.token()).expect(200).json();
        assertThat(seenByViewer.at("/people/" + erin.id() + "/email").asText()).isEqualTo(erin.email());
        assertThat(seenByViewer.at("/people/" + dana.id() + "/name").asText()).isEqualTo("Name of " + dana.email());
        JsonNode listed = api.get(WS + "/requests?state=open", vic.token()).expect(200).json();
        assertThat(listed.at("/items/0/people/" + dana.id() + "/email").asText()).isEqualTo(dana.email());
        assertThat(api.get(WS + "/resources/" + model, vic.token()).json().at("/people/" + dana.id() + "/email")
                .asText()).isEqualTo(dana.email());
    }

    @Test
    void aResourceWithoutATypeIsRefusedAndNothingIsCreated() {
        Response refused = api.post(WS + "/resources", erin.token(), "{\"name\":\"Typeless\",\"config\":{}}");
        refused.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(refused)).containsExactly("/type");
        assertThat(api.get(WS + "/resources", ADMIN_TOKEN).body()).doesNotContain("Typeless");
    }

    @Test
    void aSettingsPatchThatChangesNothingWritesNoAuditEvent() {
        int before = fx.auditCount(WS);
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200);
        assertThat(fx.auditCount(WS)).isEqualTo(before);
    }
}
