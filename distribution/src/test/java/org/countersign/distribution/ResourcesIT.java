package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resources, drafts, revisions, diffs and lists through the running distribution
 * (docs/domain.md#resources-drafts-and-revisions).
 */
class ResourcesIT {

    private static final String WS = "/api/v1/workspaces/res";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static String source;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"res\",\"name\":\"Resources\"}").expect(201);
        source = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Warehouse\","
                + "\"labels\":{\"team\":\"data\"},\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db1\"},"
                + "\"secrets\":{\"password\":\"hunter2\"}},\"mode\":\"publish\"}").expect(201).json().get("id").asText();
    }

    private static String model(String name, String query, String mode, String labels) {
        return api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"" + name + "\",\"labels\":"
                + labels + ",\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"" + query
                + "\",\"primaryKey\":\"id\"},\"mode\":\"" + mode + "\"}").expect(201).json().get("id").asText();
    }

    private static Response putDraft(String id, String body, String ifMatch) {
        HttpRequest.Builder request = api.request(WS + "/resources/" + id + "/draft")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        return api.send(ifMatch == null ? request : request.header("If-Match", ifMatch));
    }

    @Test
    void secretsAreWriteOnlyAndSurviveEdits() {
        String body = api.get(WS + "/resources/" + source, ADMIN_TOKEN).expect(200).body();
        assertThat(body).contains("db1").doesNotContain("hunter2").doesNotContain("secrets");
        putDraft(source, "{\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db2\"}}}", null).expect(200);
        api.post(WS + "/resources/" + source + "/publish", ADMIN_TOKEN, "").expect(200);
        JsonNode revisions = api.get(WS + "/resources/" + source + "/revisions", ADMIN_TOKEN).expect(200).json();
        assertThat(revisions.toString()).doesNotContain("hunter2");
        assertThat(api.get(WS + "/resources/" + source + "/diff?from=1&to=2", ADMIN_TOKEN).body())
                .contains("/config/connection/host").doesNotContain("hunter2").doesNotContain("secrets");
    }

    @Test
    void draftsAreVersionedWithETagsAndStaleWritesAreRefused() {
        String id = model("Versioned", "select 1", "draft", "{}");
        Response v2 = putDraft(id, "{\"name\":\"Versioned 2\"}", "\"1\"").expect(200);
        assertThat(v2.headers().firstValue("ETag")).contains("\"2\"");
        putDraft(id, "{\"name\":\"Lost update\"}", "\"1\"").expectProblem(412, "stale_version");
        putDraft(id, "{\"name\":\"x\",\"state\":\"published\"}", null).expectProblem(400, "unknown_field");
        putDraft(id, "{\"name\":\"x\"}", "soon").expectProblem(400, "validation_failed");
        JsonNode draft = api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json().get("draft");
        assertThat(draft.get("name").asText()).isEqualTo("Versioned 2");
        assertThat(draft.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void revisionsAreKeptAndAnyTwoCanBeDiffed() {
        String id = model("History", "select id\\nfrom users", "publish", "{}");
        putDraft(id, "{\"config\":{\"sourceId\":\"" + source
                + "\",\"query\":\"select id, email\\nfrom users\",\"primaryKey\":\"id\"}}", null).expect(200);
        JsonNode pending = api.get(WS + "/resources/" + id + "/diff", ADMIN_TOKEN).expect(200).json();
        assertThat(pending.at("/changes/0/path").asText()).isEqualTo("/config/query");
        assertThat(pending.at("/textDiffs/0/lines").toString()).contains("-select id").contains("+select id, email");
        api.post(WS + "/resources/" + id + "/publish", ADMIN_TOKEN, "{\"comment\":\"add email\"}").expect(200);

        JsonNode revisions = api.get(WS + "/resources/" + id + "/revisions", ADMIN_TOKEN).expect(200).json().get("items");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.at("/0/number").asInt()).isEqualTo(2);
        assertThat(revisions.at("/0/comment").asText()).isEqualTo("add email");
        JsonNode between = api.get(WS + "/resources/" + id + "/diff?from=1&to=2", ADMIN_TOKEN).expect(200).json();
        assertThat(between.at("/changes/0/after").asText()).isEqualTo("select id, email\nfrom users");
        api.get(WS + "/resources/" + id + "/diff?from=1&to=9", ADMIN_TOKEN).expectProblem(404, "not_found");
    }

    @Test
    void aColumnTypeChangeShowsAsSuch() {
        String columns = "\"columns\":[{\"name\":\"id\",\"type\":\"integer\"},{\"name\":\"signup\",\"type\":\"%s\"}]";
        String id = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Typed\",\"config\":{"
                + "\"sourceId\":\"" + source + "\",\"query\":\"select 1\",\"primaryKey\":\"id\","
                + columns.formatted("string") + "},\"mode\":\"publish\"}").expect(201).json().get("id").asText();
        putDraft(id, "{\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select 1\",\"primaryKey\":\"id\","
                + columns.formatted("timestamp") + "}}", null).expect(200);
        JsonNode diff = api.get(WS + "/resources/" + id + "/diff", ADMIN_TOKEN).expect(200).json();
        assertThat(diff.get("changes")).hasSize(1);
        assertThat(diff.at("/changes/0/path").asText()).isEqualTo("/config/columns/1/type");
        assertThat(diff.at("/changes/0/before").asText()).isEqualTo("string");
        assertThat(diff.at("/changes/0/after").asText()).isEqualTo("timestamp");
    }

    @Test
    void listsFilterByTypeLabelAndStateAndPage() {
        for (int i = 0; i < 5; i++) {
            model("Growth " + i, "select " + i, i % 2 == 0 ? "publish" : "draft", "{\"team\":\"growth\"}");
        }
        model("Finance", "select 9", "publish", "{\"team\":\"finance\"}");
        assertThat(names("?type=model&label=team:growth")).hasSize(5).allMatch(n -> n.startsWith("Growth"));
        assertThat(names("?type=model&label=team:growth&state=draft")).containsExactlyInAnyOrder("Growth 1", "Growth 3");
        assertThat(names("?label=team:finance")).containsExactly("Finance");
        assertThat(names("?type=source")).containsExactly("Warehouse");

        JsonNode first = api.get(WS + "/resources?label=team:growth&limit=2", ADMIN_TOKEN).expect(200).json();
        List<String> seen = new ArrayList<>();
        first.get("items").forEach(item -> seen.add(item.get("id").asText()));
        String next = first.get("next").asText();
        while (next != null) {
            JsonNode page = api.get(WS + "/resources?label=team:growth&limit=2&cursor=" + next, ADMIN_TOKEN).expect(200).json();
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            next = page.has("next") ? page.get("next").asText() : null;
        }
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        api.get(WS + "/resources?state=deleted", ADMIN_TOKEN).expectProblem(400, "validation_failed");
        api.get(WS + "/resources?label=team", ADMIN_TOKEN).expectProblem(400, "validation_failed");
    }

    @Test
    void badResourcesAreRefusedAndChangeNothing() {
        api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"spreadsheet\",\"name\":\"x\",\"config\":{}}").expectProblem(400, "validation_failed");
        Response owners = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\" \",\"owners\":[\"usr_x\"],"
                + "\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"q\",\"primaryKey\":\"id\"}}");
        owners.expectProblem(400, "validation_failed");
        assertThat(owners.json().get("errors").findValuesAsText("path")).contains("/name", "/owners/0");
        Response reference = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Dangling\","
                + "\"config\":{\"sourceId\":\"res_missing\",\"query\":\"q\",\"primaryKey\":\"id\"}}");
        reference.expectProblem(400, "validation_failed");
        assertThat(reference.json().at("/errors/0/path").asText()).isEqualTo("/config/sourceId");
        api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"x\",\"config\":{},\"mode\":\"now\"}").expectProblem(400, "validation_failed");
        Response config = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"Bad config\","
                + "\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"\",\"colour\":\"red\"}}");
        config.expectProblem(400, "invalid_config");
        assertThat(config.json().get("errors").findValuesAsText("path")).contains("/config", "/config/query");
        putDraft(source, "{\"config\":{\"kind\":\"postgres\",\"connection\":{\"port\":\"x\"}}}", null)
                .expectProblem(400, "invalid_config");
        assertThat(names("?type=model")).doesNotContain("Dangling", "x", "Bad config");
    }

    @Test
    void deletingADraftRemovesANeverPublishedResource() {
        String id = model("Scratch", "select 0", "draft", "{}");
        assertThat(api.delete(WS + "/resources/" + id + "/draft", ADMIN_TOKEN).expect(204).body()).isEmpty();
        api.get(WS + "/resources/" + id, ADMIN_TOKEN).expectProblem(404, "not_found");
        api.delete(WS + "/resources/" + id + "/draft", ADMIN_TOKEN).expectProblem(404, "not_found");
    }

    @Test
    void permissionsCanBeExplainedForOneResource() {
        JsonNode report = api.get(WS + "/permissions?resource=" + source, ADMIN_TOKEN).expect(200).json();
        assertThat(report.get("resourceType").asText()).isEqualTo("source");
        assertThat(report.at("/labels/team").asText()).isEqualTo("data");
        assertThat(report.get("permissions").findValuesAsText("grant")).containsOnly("allowed");
        api.get(WS + "/permissions?resource=res_nope", ADMIN_TOKEN).expectProblem(404, "not_found");
    }

    private static List<String> names(String query) {
        List<String> names = new ArrayList<>();
        api.get(WS + "/resources" + query, ADMIN_TOKEN).expect(200).json().get("items")
                .forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
