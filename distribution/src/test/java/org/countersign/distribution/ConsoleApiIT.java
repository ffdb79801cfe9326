package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web console asks the API so that it shows only what a person may do: allowed actions on requests and
 * resources (and every hidden action is refused by the server too), who may approve, validation before saving,
 * what changed since a review, and a test message per notification channel.
 */
class ConsoleApiIT {

    private static final String WS = "/api/v1/workspaces/console";

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person dana;
    static Person erin;
    static Person finn;
    static Person vic;
    static String source;
    static Receiver receiver;

    @BeforeAll
    static void start() {
        receiver = new Receiver();
        server = RunningCountersign.installIn(dir.resolve("countersign")).start();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        fx.workspace("console");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200);
        dana = fx.member(WS, "dana@example.com", "workspace_draft_editor");
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        finn = fx.member(WS, "finn@example.com", "workspace_editor");
        vic = fx.member(WS, "vic@example.com", "workspace_viewer");
        source = fx.publishedSource(WS, "Warehouse");
    }

    @AfterAll
    static void stop() {
        server.close();
        receiver.close();
    }

    private static String model(Person author, String query) {
        return api.post(WS + "/resources", author.token(), "{\"type\":\"model\",\"name\":\"M\",\"config\":"
                + config(query) + ",\"mode\":\"draft\"}").expect(201).json().get("id").asText();
    }

    private static String config(String query) {
        return "{\"sourceId\":\"" + source + "\",\"query\":\"" + query + "\",\"primaryKey\":\"id\"}";
    }

    private static List<String> actions(JsonNode view) {
        return WorkspaceFixtures.list(view.get("allowedActions")).stream().map(JsonNode::asText).toList();
    }

    @Test
    void everyActionARequestViewHidesIsAlsoRefused() {
        String id = model(dana, "select 1");
        String request = api.post(WS + "/requests", dana.token(), "{\"resources\":[\"" + id + "\"]}").expect(201)
                .json().get("id").asText();
        String path = WS + "/requests/" + request;

        JsonNode asAuthor = api.get(path, dana.token()).expect(200).json();
        assertThat(actions(asAuthor)).containsExactlyInAnyOrder("withdraw", "discard", "comment");
        JsonNode asReviewer = api.get(path, erin.token()).expect(200).json();
        assertThat(actions(asReviewer)).contains("approve", "decline", "request-changes", "withdraw", "discard");
        assertThat(WorkspaceFixtures.list(asReviewer.get("eligibleApprovers")).stream().map(JsonNode::asText))
                .contains(erin.id(), finn.id()).doesNotContain(dana.id(), vic.id());
        JsonNode asViewer = api.get(path, vic.token()).expect(200).json();
        assertThat(actions(asViewer)).containsExactly("comment");

        for (String hidden : List.of("approve", "decline", "withdraw", "discard", "apply")) {
            Response refused = api.post(path + "/" + hidden, vic.token(), "");
            assertThat(refused.status()).as(hidden).isIn(403, 409);
        }
        api.post(path + "/approve", dana.token(), "").expectProblem(403, "self_approval_forbidden");
        api.post(path + "/apply", erin.token(), "").expectProblem(409, "invalid_state");
        assertThat(api.get(path, vic.token()).json().get("state").asText()).isEqualTo("open");
    }

    @Test
    void resourceViewsSayWhatTheCallerMayDoAndPublishNowOnlyWhereTheServerAllowsIt() {
        String drafted = model(dana, "select 2");
        assertThat(actions(api.get(WS + "/resources/" + drafted, dana.token()).expect(200).json()))
                .contains("edit", "delete-draft", "submit").doesNotContain("publish");
        api.post(WS + "/resources/" + drafted + "/publish", dana.token(), "").expectProblem(403, "approval_required");
        String erins = model(erin, "select 3");
        assertThat(actions(api.get(WS + "/resources/" + erins, erin.token()).expect(200).json())).contains("publish");
        assertThat(actions(api.get(WS + "/resources/" + erins, vic.token()).expect(200).json())).isEmpty();
        api.put(WS + "/resources/" + erins + "/draft", vic.token(), "{\"name\":\"x\"}").expectProblem(403, "forbidden");
        assertThat(actions(api.get(WS + "/resources?type=source", erin.token()).expect(200).json().at("/items/0")))
                .contains("edit", "delete", "run");
    }

    @Test
    void theReviewerPickerListsOnlyPeopleWhoCouldApprove() {
        String id = model(dana, "select 4");
        api.put(WS + "/resources/" + id + "/draft", erin.token(), "{\"name\":\"M edited by Erin\"}").expect(200);
        JsonNode approvers = api.get(WS + "/resources/" + id + "/approvers", dana.token()).expect(200).json();
        List<String> ids = WorkspaceFixtures.texts(approvers.get("items"), "id");
        assertThat(ids).contains(finn.id()).doesNotContain(dana.id(), erin.id(), vic.id());
        assertThat(WorkspaceFixtures.texts(approvers.get("items"), "email")).contains("finn@example.com");
        api.post(WS + "/requests", dana.token(), "{\"resources\":[\"" + id + "\"],\"reviewers\":[\"" + finn.id() + "\"]}")
                .expect(201);
    }

    @Test
    void validationReportsEveryProblemAtItsPathAndSavesNothing() {
        int before = api.get(WS + "/resources", ADMIN_TOKEN).json().get("items").size();
        JsonNode errors = api.post(WS + "/resources/validate", dana.token(), "{\"type\":\"model\",\"name\":\"\","
                + "\"labels\":{\"team\":\"a\\u202Eb\"},\"config\":{\"sourceId\":\"" + source + "\"}}").expect(200).json()
                .get("errors");
        // a missing required property is reported at the object that lacks it
        assertThat(WorkspaceFixtures.texts(errors, "path")).contains("/name", "/labels/team", "/config");
        assertThat(api.post(WS + "/resources/validate", dana.token(), "{\"type\":\"model\",\"name\":\"ok\",\"config\":"
                + config("select 1") + "}").expect(200).json().get("errors")).isEmpty();
        assertThat(api.get(WS + "/resources", ADMIN_TOKEN).json().get("items").size()).isEqualTo(before);
    }

    @Test
    void aReviewerOfAReopenedRequestSeesWhatChangedSinceTheirReview() {
        String id = model(dana, "select id from users");
        String request = api.post(WS + "/requests", dana.token(), "{\"resources\":[\"" + id + "\"]}").expect(201)
                .json().get("id").asText();
        String path = WS + "/requests/" + request;
        assertThat(api.get(path + "/since-my-review", erin.token()).expect(200).json().get("items")).isEmpty();
        api.post(path + "/request-changes", erin.token(), "{\"comment\":\"add the email\"}").expect(200);
        api.put(WS + "/resources/" + id + "/draft", dana.token(), "{\"config\":" + config("select id, email from users")
                + "}").expect(200);

        JsonNode changed = api.get(path + "/since-my-review", erin.token()).expect(200).json().at("/items/0");
        assertThat(changed.get("resourceId").asText()).isEqualTo(id);
        assertThat(changed.get("fromVersion").asInt()).isEqualTo(1);
        assertThat(changed.get("toVersion").asInt()).isEqualTo(2);
        assertThat(changed.at("/diff/textDiffs/0/lines").toString()).contains("-select id from users")
                .contains("+select id, email from users");
        assertThat(api.get(path + "/since-my-review", finn.token()).json().get("items")).isEmpty();
    }

    @Test
    void aTestMessageGoesThroughTheChosenChannelNow() {
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"notifications\":[{\"type\":\"email\"},{\"type\":\"webhook\","
                + "\"url\":\"" + receiver.url("/test-hook") + "\",\"secret\":\"a-secret-of-sixteen\"}]}").expect(200);
        assertThat(api.post(WS + "/settings/notifications/test", ADMIN_TOKEN, "{\"index\":1}").expect(200).json()
                .get("ok").asBoolean()).isTrue();
        assertThat(receiver.calls("/test-hook")).filteredOn(call -> call.body().contains("\"notification.test\""))
                .hasSize(1);
        JsonNode email = api.post(WS + "/settings/notifications/test", ADMIN_TOKEN, "{\"index\":0}").expect(200).json();
        assertThat(email.get("ok").asBoolean()).isFalse();
        assertThat(email.get("error").asText()).contains("smtp.host");
        api.post(WS + "/settings/notifications/test", ADMIN_TOKEN, "{\"index\":5}").expectProblem(400, "validation_failed");
        api.post(WS + "/settings/notifications/test", erin.token(), "{\"index\":1}").expectProblem(403, "forbidden");
    }
}
