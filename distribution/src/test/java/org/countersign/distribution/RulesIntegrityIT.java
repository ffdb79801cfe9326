package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules stay in the hands of {@code manage} (docs/domain.md#workspaces-and-settings {@code governRules},
 * #approval-rules), by every path an editor could try, and what rules block shows on a request from the moment it is
 * submitted.
 */
class RulesIntegrityIT {

    private static final String WS = "/api/v1/workspaces/governed";
    private static final String SCRIPT = "rule 'governed', { requireApproval() }";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;
    static Person ada;
    static Person erin;
    static Person finn;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        fx.workspace("governed");
        ada = fx.member(WS, "ada@example.com", "admin");
        erin = fx.member(WS, "erin@example.com", "workspace_editor");
        finn = fx.member(WS, "finn@example.com", "workspace_editor");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"governRules\":true}").expect(200);
    }

    private static String source(String script) {
        ObjectNode body = Api.JSON.createObjectNode();
        body.put("source", script);
        return body.toString();
    }

    private static Response act(String ws, String token, String request, String action) {
        return api.post(ws + "/requests/" + request + "/" + action, token, "");
    }

    @Test
    void editorsCannotChangeTheRulesByAnyPathAndOneManagerCannotChangeThemAlone() {
        String request = api.put(WS + "/rules", ADMIN_TOKEN, source(SCRIPT)).expect(202).json().get("pendingRequest")
                .asText();
        String rules = api.get(WS + "/requests/" + request, erin.token()).expect(200).json().at("/items/0/resourceId")
                .asText();

        // editors: no draft edits, no approval, no deletion, no request of their own
        api.put(WS + "/resources/" + rules + "/draft", erin.token(), "{\"config\":{\"source\":\"rule 'mine', { }\"}}")
                .expectProblem(403, "forbidden");
        act(WS, erin.token(), request, "approve").expectProblem(403, "not_eligible");
        api.delete(WS + "/resources/" + rules, erin.token()).expectProblem(403, "forbidden");
        act(WS, erin.token(), request, "withdraw").expectProblem(403, "forbidden");
        act(WS, ADMIN_TOKEN, request, "withdraw").expect(200);
        api.post(WS + "/requests", erin.token(), "{\"resources\":[\"" + rules + "\"]}").expectProblem(403, "forbidden");
        // a manager cannot skip the review by publishing the draft directly
        api.post(WS + "/resources/" + rules + "/publish", ADMIN_TOKEN, "").expectProblem(403, "approval_required");
        assertThat(api.get(WS + "/rules", ADMIN_TOKEN).json().get("version").asInt()).isZero();

        // nor by letting authors approve their own requests: a governed rules change always needs a second person
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"allowSelfApproval\":true}").expect(200);
        try {
            String again = api.post(WS + "/requests", ADMIN_TOKEN, "{\"resources\":[\"" + rules + "\"]}").expect(201)
                    .json().get("id").asText();
            act(WS, ADMIN_TOKEN, again, "approve").expectProblem(403, "self_approval_forbidden");
            assertThat(act(WS, ada.token(), again, "approve").expect(200).json().get("state").asText())
                    .isEqualTo("applied");
        } finally {
            api.patch(WS + "/settings", ADMIN_TOKEN, "{\"allowSelfApproval\":false}").expect(200);
        }
        assertThat(api.get(WS + "/rules", erin.token()).json().get("source").asText()).isEqualTo(SCRIPT);
    }

    @Test
    void switchingGovernRulesOffIsItselfAChangeThatNeedsApproval() {
        fx.workspace("ungoverned");
        String ws = "/api/v1/workspaces/ungoverned";
        fx.member(ws, ada, "admin");
        fx.member(ws, erin, "workspace_editor");
        api.patch(ws + "/settings", ADMIN_TOKEN, "{\"governRules\":true}").expect(200);

        Response proposed = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"governRules\":false,\"timezone\":\"Europe/Berlin\"}");
        JsonNode body = proposed.expect(202).json();
        assertThat(body.get("governRules").asBoolean()).isTrue();
        assertThat(body.get("timezone").asText()).as("the rest applies at once").isEqualTo("Europe/Berlin");
        String request = body.get("pendingRequest").asText();
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json().get("governRules").asBoolean()).isTrue();
        JsonNode pending = api.get(ws + "/requests/" + request, ADMIN_TOKEN).expect(200).json();
        assertThat(pending.at("/items/0/type").asText()).isEqualTo("rules");
        assertThat(pending.at("/items/0/diff").toString()).contains("governRules");

        act(ws, erin.token(), request, "approve").expectProblem(403, "not_eligible");
        act(ws, ADMIN_TOKEN, request, "approve").expectProblem(403, "self_approval_forbidden");
        assertThat(act(ws, ada.token(), request, "approve").expect(200).json().get("state").asText())
                .isEqualTo("applied");
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json().get("governRules").asBoolean()).isFalse();
        assertThat(api.get(ws + "/audit?limit=100", ADMIN_TOKEN).json().get("items").findValuesAsText("action"))
                .contains("settings.updated", "request.applied");
        // off now: the next change of the rules applies at once
        api.put(ws + "/rules", ADMIN_TOKEN, source(SCRIPT)).expect(200);
    }

    @Test
    void blocksAndRuleErrorsShowFromTheMomentARequestIsSubmitted() {
        fx.workspace("blocked");
        String ws = "/api/v1/workspaces/blocked";
        fx.member(ws, erin, "workspace_editor");
        String source = fx.publishedSource(ws, "W");
        api.put(ws + "/rules", ADMIN_TOKEN, source("""
                rule 'freeze', { block 'production is frozen' }
                rule 'audit', { when { resource.labels.audit == 'true' }
                    block 'under audit' }
                rule 'broken', { when { resource.labels.team.length() > 0 }
                    requireApproval() }
                """)).expect(200);
        String request = api.post(ws + "/resources", erin.token(), "{\"type\":\"model\",\"name\":\"M\",\"labels\":"
                + "{\"audit\":\"true\"},\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select 1\","
                + "\"primaryKey\":\"id\"},\"mode\":\"submit\"}").expect(201).json().get("openRequest").asText();
        JsonNode open = api.get(ws + "/requests/" + request, ADMIN_TOKEN).expect(200).json();
        assertThat(open.get("state").asText()).isEqualTo("open");
        assertThat(open.get("blockedBy").toString()).contains("rules error: ");
        api.put(ws + "/rules", ADMIN_TOKEN, source("""
                rule 'freeze', { block 'production is frozen' }
                rule 'audit', { when { resource.labels.audit == 'true' }
                    block 'under audit' }
                """)).expect(200);
        JsonNode blocked = api.get(ws + "/requests/" + request, ADMIN_TOKEN).expect(200).json();
        assertThat(blocked.get("blockedBy")).extracting(JsonNode::asText)
                .containsExactly("production is frozen", "under audit");
    }
}
