package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Environments and promotion (docs/domain.md#environments-and-promotion, seeds/002) through the running distribution.
 */
class PromotionIT {

    private static final String WS = "/api/v1/workspaces/promo";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person erin;
    static Person finn;
    static Person vic;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"promo\",\"name\":\"Promo\"}").expect(201);
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"environments\":[\"development\",\"staging\",\"production\"]}")
                .expect(200);
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        finn = fx.member(WS, "finn@example.com", "workspace_editor");
        vic = fx.member(WS, "vic@example.com", "workspace_viewer");
    }

    private static String integration(String name, String version) {
        return api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"integration\",\"name\":\"" + name + "\",\"config\":"
                + "{\"project\":\"billing\",\"version\":\"" + version + "\"},\"mode\":\"publish\"}").expect(201).json()
                .get("id").asText();
    }

    private static JsonNode promote(String token, String resource, String comment) {
        return api.post(WS + "/requests", token, "{\"kind\":\"promote\",\"resources\":[\"" + resource
                + "\"],\"comment\":\"" + comment + "\"}").expect(201).json();
    }

    private static List<String> pending(Person reviewer) {
        List<String> ids = new ArrayList<>();
        api.get(WS + "/requests?reviewer=me", reviewer.token()).expect(200).json().get("items")
                .forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }

    @Test
    void publishingGoesToTheFirstEnvironmentAndPromotionIsDirectWithoutTheWorkflow() {
        String id = integration("Direct", "1.0.0");
        JsonNode resource = api.get(WS + "/resources/" + id, ADMIN_TOKEN).json();
        assertThat(resource.get("published").has("development")).isTrue();
        assertThat(resource.get("published").has("staging")).isFalse();

        JsonNode promoted = promote(ADMIN_TOKEN, id, "ship");
        assertThat(promoted.get("state").asText()).isEqualTo("applied");
        assertThat(promoted.get("sourceEnvironment").asText()).isEqualTo("development");
        assertThat(promoted.get("targetEnvironment").asText()).isEqualTo("staging");
        assertThat(api.get(WS + "/resources/" + id, ADMIN_TOKEN).json().at("/published/staging/revision").asInt())
                .isEqualTo(1);
        api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"promote\",\"resources\":[\"" + id
                + "\"],\"sourceEnvironment\":\"production\"}").expectProblem(400, "validation_failed");
        api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"promote\",\"resources\":[\"" + id
                + "\"],\"sourceEnvironment\":\"development\",\"targetEnvironment\":\"production\"}")
                .expectProblem(400, "validation_failed");
    }

    @Test
    void theWorkflowLimitsReviewersToTheAssigneeAndTheRequesterPromotes() {
        String id = integration("Workflow", "2.0.0");
        promote(ADMIN_TOKEN, id, "to staging");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"promotion\":{\"enabled\":true,\"reviewerRoles\":[\"workspace_editor\"],"
                + "\"assignees\":[\"" + erin.id() + "\"]}}").expect(200);
        try {
            JsonNode request = api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"promote\",\"resources\":[\"" + id
                    + "\"],\"sourceEnvironment\":\"staging\",\"comment\":\"release 2.0\"}").expect(201).json();
            String rid = request.get("id").asText();
            assertThat(request.get("state").asText()).isEqualTo("open");
            assertThat(request.get("comment").asText()).isEqualTo("release 2.0");
            assertThat(request.get("workspace").asText()).isEqualTo("promo");
            assertThat(request.at("/items/0/name").asText()).isEqualTo("Workflow");
            assertThat(request.get("sourceEnvironment").asText()).isEqualTo("staging");
            assertThat(request.at("/items/0/revision").asInt()).isEqualTo(1);
            assertThat(request.get("targetEnvironment").asText()).isEqualTo("production");

            assertThat(pending(erin)).contains(rid);
            assertThat(pending(finn)).doesNotContain(rid);
            api.post(WS + "/requests/" + rid + "/approve", finn.token(), "").expectProblem(403, "not_eligible");
            api.post(WS + "/requests/" + rid + "/approve", vic.token(), "").expectProblem(403, "not_eligible");

            JsonNode approved = api.post(WS + "/requests/" + rid + "/approve", erin.token(), "{\"comment\":\"go\"}")
                    .expect(200).json();
            assertThat(approved.get("state").asText()).isEqualTo("approved");
            assertThat(api.get(WS + "/resources/" + id, ADMIN_TOKEN).json().get("published").has("production")).isFalse();

            api.post(WS + "/requests/" + rid + "/apply", vic.token(), "").expectProblem(403, "forbidden");
            JsonNode applied = api.post(WS + "/requests/" + rid + "/apply", ADMIN_TOKEN, "").expect(200).json();
            assertThat(applied.get("state").asText()).isEqualTo("applied");
            assertThat(api.get(WS + "/resources/" + id, ADMIN_TOKEN).json().at("/published/production/revision").asInt())
                    .isEqualTo(1);

            String rejected = promote(ADMIN_TOKEN, integration("Rejected", "3.0.0"), "try").get("id").asText();
            JsonNode declined = api.post(WS + "/requests/" + rejected + "/decline", erin.token(),
                    "{\"comment\":\"not this week\"}").expect(200).json();
            assertThat(declined.get("state").asText()).isEqualTo("declined");
            assertThat(declined.get("reviews").get(0).get("comment").asText()).isEqualTo("not this week");
        } finally {
            api.patch(WS + "/settings", ADMIN_TOKEN, "{\"promotion\":null}").expect(200);
        }
    }
}
