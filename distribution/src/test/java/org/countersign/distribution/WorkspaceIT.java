package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.errorPaths;
import static org.countersign.distribution.WorkspaceFixtures.list;
import static org.countersign.distribution.WorkspaceFixtures.problem;
import static org.countersign.distribution.WorkspaceFixtures.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workspaces, their settings and members, and the isolation between workspaces, over real HTTP
 * (docs/domain.md#workspaces-and-settings, #members-roles-and-permissions).
 */
class WorkspaceIT {

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
    }

    @Test
    void theInstanceAdminCreatesAWorkspaceAndBecomesItsAdmin() {
        String adminId = fx.adminId();
        Instant before = Instant.now().minusSeconds(5);
        Response created = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"ws-create\",\"name\":\"Create me\"}")
                .expect(201);
        JsonNode workspace = created.json();
        String id = workspace.get("id").asText();
        assertThat(id).isNotBlank();
        assertThat(workspace.get("slug").asText()).isEqualTo("ws-create");
        assertThat(workspace.get("name").asText()).isEqualTo("Create me");
        assertThat(workspace.get("createdBy").asText()).isEqualTo(adminId);
        assertThat(Instant.parse(workspace.get("createdAt").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(5));

        JsonNode fetched = api.get("/api/v1/workspaces/ws-create", ADMIN_TOKEN).expect(200).json();
        assertThat(fetched).isEqualTo(workspace);

        JsonNode listed = api.get("/api/v1/workspaces?limit=500", ADMIN_TOKEN).expect(200).json();
        assertThat(listed.has("items")).isTrue();
        assertThat(list(listed.get("items"))).filteredOn(w -> w.get("slug").asText().equals("ws-create"))
                .containsExactly(workspace);

        JsonNode membership = list(api.get("/api/v1/me", ADMIN_TOKEN).json().get("memberships")).stream()
                .filter(m -> m.get("slug").asText().equals("ws-create")).findFirst().orElseThrow();
        assertThat(membership.get("workspaceId").asText()).isEqualTo(id);
        assertThat(membership.get("name").asText()).isEqualTo("Create me");
        assertThat(membership.get("role").asText()).isEqualTo("admin");

        JsonNode members = api.get("/api/v1/workspaces/ws-create/members", ADMIN_TOKEN).expect(200).json().get("items");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("userId").asText()).isEqualTo(adminId);
        assertThat(members.get(0).get("email").asText()).isEqualTo("admin@localhost");
        assertThat(members.get(0).get("role").asText()).isEqualTo("admin");
        assertThat(members.get(0).hasNonNull("since")).isTrue();
    }

    @Test
    void workspaceCreationIsRefusedClearlyAndLeavesNothingBehind() {
        fx.workspace("ws-taken");
        problem(api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"ws-taken\",\"name\":\"Again\"}"), 409, "conflict");
        for (String slug : List.of("Upper", "has space", "-leading-dash", "x", "under_score", "a".repeat(64), "")) {
            Response refused = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"" + slug + "\",\"name\":\"Bad\"}");
            problem(refused, 400, "validation_failed");
            assertThat(errorPaths(refused)).as(slug).contains("/slug");
        }
        // the longest valid slug is accepted: 63 characters
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"" + "b".repeat(63) + "\",\"name\":\"Long\"}").expect(201);
        problem(api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"ws-sneaky\",\"name\":\"x\",\"id\":\"mine\"}"),
                400, "unknown_field");
        Person plain = fx.person("plain-creator@example.com");
        problem(api.post("/api/v1/workspaces", plain.token(), "{\"slug\":\"ws-plain\",\"name\":\"x\"}"), 403, "forbidden");

        List<String> slugs = texts(api.get("/api/v1/workspaces?limit=500", ADMIN_TOKEN).json().get("items"), "slug");
        assertThat(slugs).contains("ws-taken").doesNotContain("ws-sneaky", "ws-plain", "Upper", "x");
        assertThat(slugs.stream().filter("ws-taken"::equals)).hasSize(1);
        problem(api.get("/api/v1/workspaces/ws-sneaky", ADMIN_TOKEN), 404, "not_found");
    }

    @Test
    void membersSeeTheirWorkspacesAndMemberships() {
        String a = fx.workspace("ws-list-a");
        String b = fx.workspace("ws-list-b");
        fx.workspace("ws-list-c");
        Person dana = fx.person("dana@example.com");
        assertThat(api.get("/api/v1/workspaces", dana.token()).expect(200).json().get("items")).isEmpty();
        assertThat(api.get("/api/v1/me", dana.token()).json().get("memberships")).isEmpty();

        fx.member(a, dana, "workspace_viewer");
        fx.member(b, dana, "sync_editor");
        assertThat(texts(api.get("/api/v1/workspaces", dana.token()).json().get("items"), "slug"))
                .containsExactlyInAnyOrder("ws-list-a", "ws-list-b");
        JsonNode memberships = api.get("/api/v1/me", dana.token()).json().get("memberships");
        assertThat(memberships).hasSize(2);
        Map<String, String> roles = new HashMap<>();
        memberships.forEach(m -> roles.put(m.get("slug").asText(), m.get("role").asText()));
        assertThat(roles).isEqualTo(Map.of("ws-list-a", "workspace_viewer", "ws-list-b", "sync_editor"));
        String idOfB = api.get(b, ADMIN_TOKEN).json().get("id").asText();
        assertThat(list(memberships).stream().filter(m -> m.get("slug").asText().equals("ws-list-b"))
                .findFirst().orElseThrow().get("workspaceId").asText()).isEqualTo(idOfB);
        assertThat(api.get(a, dana.token()).expect(200).json().get("slug").asText()).isEqualTo("ws-list-a");
        problem(api.get("/api/v1/workspaces/ws-list-c", dana.token()), 404, "not_found");

        api.delete(b + "/members/" + dana.id(), ADMIN_TOKEN).expect(204);
        assertThat(texts(api.get("/api/v1/me", dana.token()).json().get("memberships"), "slug")).containsExactly("ws-list-a");
        assertThat(texts(api.get("/api/v1/workspaces", dana.token()).json().get("items"), "slug")).containsExactly("ws-list-a");
        problem(api.get(b, dana.token()), 404, "not_found");
    }

    @Test
    void settingsStartAtTheirDefaults() {
        String ws = fx.workspace("ws-defaults");
        JsonNode settings = api.get(ws + "/settings", ADMIN_TOKEN).expect(200).json();
        assertThat(settings).isEqualTo(json("{\"requireApprovals\":false,\"allowSelfApproval\":false,"
                + "\"environments\":[\"production\"],\"promotion\":{\"enabled\":false,\"reviewerRoles\":[],\"assignees\":[]},"
                + "\"notifications\":[],\"timezone\":\"UTC\",\"governRules\":false}"));
    }

    @Test
    void settingsArePatchedByMergeInBothPromotionForms() {
        String ws = fx.workspace("ws-patch");
        Person reviewer = fx.person("promo-reviewer@example.com");
        fx.member(ws, reviewer, "workspace_editor");

        JsonNode nested = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"promotion\":{\"enabled\":true}}").expect(200).json();
        assertThat(nested.at("/promotion/enabled").asBoolean()).isTrue();
        assertThat(nested.at("/promotion/reviewerRoles")).isEmpty();

        JsonNode dotted = api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"promotion.reviewerRoles\":[\"workspace_editor\"],\"promotion.assignees\":[\"" + reviewer.id() + "\"]}")
                .expect(200).json();
        assertThat(dotted.at("/promotion/enabled").asBoolean()).as("merged, not replaced").isTrue();
        assertThat(dotted.at("/promotion/reviewerRoles")).containsExactly(json("\"workspace_editor\""));
        assertThat(dotted.at("/promotion/assignees")).containsExactly(json("\"" + reviewer.id() + "\""));

        JsonNode others = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"environments\":[\"development\",\"staging\","
                + "\"production\"],\"timezone\":\"Europe/Zurich\",\"allowSelfApproval\":true,\"governRules\":true,"
                + "\"requireApprovals\":true}").expect(200).json();
        assertThat(others.get("environments")).isEqualTo(json("[\"development\",\"staging\",\"production\"]"));
        assertThat(others.get("timezone").asText()).isEqualTo("Europe/Zurich");
        assertThat(others.get("promotion")).as("untouched by a patch without it").isEqualTo(dotted.get("promotion"));
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).as("GET shows what PATCH answered").isEqualTo(others);

        // the nested form also merges within promotion
        JsonNode disabled = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"promotion\":{\"enabled\":false}}").expect(200).json();
        assertThat(disabled.at("/promotion/enabled").asBoolean()).isFalse();
        assertThat(disabled.at("/promotion/reviewerRoles")).containsExactly(json("\"workspace_editor\""));
    }

    @Test
    void nullResetsASettingToItsDefault() {
        String ws = fx.workspace("ws-reset");
        api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"environments\":[\"dev\",\"production\"],"
                + "\"timezone\":\"Asia/Tokyo\",\"promotion\":{\"enabled\":true,\"reviewerRoles\":[\"admin\"]},"
                + "\"notifications\":[{\"type\":\"email\"}]}").expect(200);

        JsonNode reset = api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"requireApprovals\":null,\"environments\":null,\"promotion.enabled\":null}").expect(200).json();
        assertThat(reset.get("requireApprovals").asBoolean()).isFalse();
        assertThat(reset.get("environments")).isEqualTo(json("[\"production\"]"));
        assertThat(reset.at("/promotion/enabled").asBoolean()).isFalse();
        assertThat(reset.at("/promotion/reviewerRoles")).as("a sibling is kept").containsExactly(json("\"admin\""));
        assertThat(reset.get("timezone").asText()).as("keys not in the patch are kept").isEqualTo("Asia/Tokyo");

        JsonNode resetNested = api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"promotion\":{\"reviewerRoles\":null},\"timezone\":null,\"notifications\":null}").expect(200).json();
        assertThat(resetNested.at("/promotion/reviewerRoles")).isEmpty();
        assertThat(resetNested.get("timezone").asText()).isEqualTo("UTC");
        assertThat(resetNested.get("notifications")).isEmpty();
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).isEqualTo(resetNested);
    }

    @Test
    void unknownSettingsAreRefusedAndChangeNothing() {
        String ws = fx.workspace("ws-unknown");
        JsonNode before = api.get(ws + "/settings", ADMIN_TOKEN).json();
        int events = fx.auditCount(ws);

        Response top = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"nope\":1}");
        problem(top, 400, "unknown_field");
        assertThat(errorPaths(top)).containsExactly("/nope");
        Response nested = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"timezone\":\"Europe/Paris\",\"promotion\":{\"enabled\":true,\"nope\":true}}");
        problem(nested, 400, "unknown_field");
        assertThat(errorPaths(nested)).containsExactly("/promotion/nope");
        Response dotted = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"governRules\":true,\"promotion.nope\":true}");
        problem(dotted, 400, "unknown_field");
        assertThat(errorPaths(dotted)).containsExactly("/promotion/nope");
        Response channelField = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"notifications\":[{\"type\":\"email\",\"to\":\"x@example.com\"}]}");
        problem(channelField, 400, "unknown_field");
        assertThat(errorPaths(channelField)).containsExactly("/notifications/0/to");

        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).isEqualTo(before);
        assertThat(fx.auditCount(ws)).as("refused patches leave no audit event").isEqualTo(events);
    }

    @Test
    void settingsOfTheWrongTypeOrShapeAreRefusedWithTheirPaths() {
        String ws = fx.workspace("ws-invalid");
        Person outsider = fx.person("not-a-member@example.com");
        JsonNode before = api.get(ws + "/settings", ADMIN_TOKEN).json();

        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"requireApprovals\":\"yes\"}", "/requireApprovals");
        refusals.put("{\"allowSelfApproval\":1}", "/allowSelfApproval");
        refusals.put("{\"governRules\":\"true\"}", "/governRules");
        refusals.put("{\"promotion\":{\"enabled\":\"on\"}}", "/promotion/enabled");
        refusals.put("{\"promotion.enabled\":0}", "/promotion/enabled");
        refusals.put("{\"environments\":\"production\"}", "/environments");
        refusals.put("{\"environments\":[]}", "/environments");
        refusals.put("{\"environments\":[\"Production\"]}", "/environments/0");
        refusals.put("{\"environments\":[\"dev\",\"-x\"]}", "/environments/1");
        refusals.put("{\"environments\":[\"dev\",\"prod\",\"dev\"]}", "/environments/2");
        refusals.put("{\"environments\":[\"" + "e".repeat(64) + "\"]}", "/environments/0");
        refusals.put("{\"timezone\":\"Nowhere/Land\"}", "/timezone");
        refusals.put("{\"timezone\":7}", "/timezone");
        refusals.put("{\"promotion\":{\"reviewerRoles\":[\"admin\",\"no_such_role\"]}}", "/promotion/reviewerRoles/1");
        refusals.put("{\"promotion.assignees\":[\"" + outsider.id() + "\"]}", "/promotion/assignees/0");
        refusals.put("{\"notifications\":{\"type\":\"email\"}}", "/notifications");
        refusals.put("{\"notifications\":[{\"type\":\"pigeon\"}]}", "/notifications/0/type");
        refusals.put("{\"notifications\":[{\"type\":\"email\"},{\"type\":\"slack\"}]}", "/notifications/1/url");
        refusals.put("{\"notifications\":[{\"type\":\"slack\",\"url\":\"not a url\"}]}", "/notifications/0/url");
        refusals.put("{\"notifications\":[{\"type\":\"webhook\",\"url\":\"https://hooks.example/x\",\"secret\":\"short\"}]}",
                "/notifications/0/secret");
        refusals.put("{\"notifications\":[{\"type\":\"webhook\",\"url\":\"https://hooks.example/x\"}]}",
                "/notifications/0/secret");
        refusals.forEach((patch, path) -> {
            Response refused = api.patch(ws + "/settings", ADMIN_TOKEN, patch);
            problem(refused, 400, "validation_failed");
            assertThat(errorPaths(refused)).as(patch).containsExactly(path);
        });

        // several faults are reported at once, and a valid key beside them is not applied
        Response several = api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"requireApprovals\":\"yes\",\"environments\":[],\"timezone\":\"Nowhere/Land\",\"allowSelfApproval\":true}");
        problem(several, 400, "validation_failed");
        assertThat(errorPaths(several)).containsExactlyInAnyOrder("/requireApprovals", "/environments", "/timezone");
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).isEqualTo(before);

        problem(api.send(api.request(ws + "/settings").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"requireApprovals\":"))), 400, "invalid_json");
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).isEqualTo(before);
    }

    @Test
    void notificationUrlsAndSecretsAreWriteOnly() {
        String ws = fx.workspace("ws-secrets");
        String slackUrl = "https://hooks.slack.example/services/T000/B000/slack-url-marker";
        String webhookUrl = "https://receiver.example/hook-url-marker";
        String secret = "whsec-marker-0123456789abcdef";
        Response patched = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"notifications\":[{\"type\":\"email\"},"
                + "{\"type\":\"slack\",\"url\":\"" + slackUrl + "\"},"
                + "{\"type\":\"webhook\",\"url\":\"" + webhookUrl + "\",\"secret\":\"" + secret + "\"}]}").expect(200);
        JsonNode shown = json("[{\"type\":\"email\"},{\"type\":\"slack\"},{\"type\":\"webhook\"}]");
        assertThat(patched.json().get("notifications")).isEqualTo(shown);
        Response fetched = api.get(ws + "/settings", ADMIN_TOKEN);
        assertThat(fetched.json().get("notifications")).isEqualTo(shown);

        // neither the settings nor the audit log give them back
        Response audit = api.get(ws + "/audit?limit=100", ADMIN_TOKEN).expect(200);
        Response export = api.get(ws + "/audit/export", ADMIN_TOKEN).expect(200);
        assertThat(texts(audit.json().get("items"), "action")).contains("settings.updated");
        for (Response response : List.of(patched, fetched, audit, export)) {
            assertThat(response.body()).doesNotContain("slack-url-marker", "hook-url-marker", "whsec-marker", "0123456789abcdef");
        }

        // a later patch of something else keeps the channels (and so their hidden URLs) as they were
        JsonNode later = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200).json();
        assertThat(later.get("notifications")).isEqualTo(shown);
    }

    @Test
    void membersHoldExactlyOneRole() {
        String ws = fx.workspace("ws-members");
        Person erin = fx.person("erin@example.com");
        api.put(ws + "/roles/reader", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}").expect(200);

        JsonNode added = api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"workspace_viewer\"}").expect(200).json();
        assertThat(added.get("userId").asText()).isEqualTo(erin.id());
        assertThat(added.get("email").asText()).isEqualTo("erin@example.com");
        assertThat(added.get("name").asText()).isEqualTo("Name of erin@example.com");
        assertThat(added.get("role").asText()).isEqualTo("workspace_viewer");
        assertThat(added.hasNonNull("since")).isTrue();

        assertThat(roleOf(ws, erin.id())).isEqualTo("workspace_viewer");
        JsonNode alias = api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"workspace_draft_contributor\"}")
                .expect(200).json();
        assertThat(alias.get("role").asText()).isEqualTo("workspace_draft_editor");
        assertThat(roleOf(ws, erin.id())).isEqualTo("workspace_draft_editor");
        assertThat(api.get("/api/v1/me", erin.token()).json().at("/memberships/0/role").asText()).isEqualTo("workspace_draft_editor");

        assertThat(api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"reader\"}").expect(200).json()
                .get("role").asText()).isEqualTo("reader");
        JsonNode members = api.get(ws + "/members", ADMIN_TOKEN).json().get("items");
        assertThat(members).as("one entry per user, the role replaced").hasSize(2);
        assertThat(roleOf(ws, erin.id())).isEqualTo("reader");

        Response unknownRole = api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"overlord\"}");
        problem(unknownRole, 400, "validation_failed");
        assertThat(errorPaths(unknownRole)).containsExactly("/role");
        problem(api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"admin\",\"since\":\"2020-01-01T00:00:00Z\"}"),
                400, "unknown_field");
        assertThat(roleOf(ws, erin.id())).isEqualTo("reader");
        problem(api.put(ws + "/members/usr_does_not_exist", ADMIN_TOKEN, "{\"role\":\"workspace_viewer\"}"), 404, "not_found");
        assertThat(api.get(ws + "/members", ADMIN_TOKEN).json().get("items")).hasSize(2);

        api.delete(ws + "/members/" + erin.id(), ADMIN_TOKEN).expect(204);
        assertThat(texts(api.get(ws + "/members", ADMIN_TOKEN).json().get("items"), "userId")).containsExactly(fx.adminId());
        problem(api.get(ws, erin.token()), 404, "not_found");
        problem(api.get(ws + "/settings", erin.token()), 404, "not_found");
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemoved() {
        String ws = fx.workspace("ws-last-admin");
        String adminId = fx.adminId();
        problem(api.put(ws + "/members/" + adminId, ADMIN_TOKEN, "{\"role\":\"workspace_viewer\"}"), 409, "conflict");
        problem(api.delete(ws + "/members/" + adminId, ADMIN_TOKEN), 409, "conflict");
        assertThat(roleOf(ws, adminId)).isEqualTo("admin");

        // with a second admin the first may go; then the second is the last one
        Person second = fx.person("second-admin@example.com");
        fx.member(ws, second, "admin");
        api.put(ws + "/members/" + adminId, second.token(), "{\"role\":\"workspace_editor\"}").expect(200);
        assertThat(roleOf(ws, adminId)).isEqualTo("workspace_editor");
        problem(api.put(ws + "/members/" + second.id(), second.token(), "{\"role\":\"workspace_viewer\"}"), 409, "conflict");
        problem(api.delete(ws + "/members/" + second.id(), second.token()), 409, "conflict");
        assertThat(roleOf(ws, second.id())).isEqualTo("admin");
        // a destination_admin can manage but is not an admin: the second is still the last admin
        Person destination = fx.person("dest-admin@example.com");
        api.put(ws + "/members/" + destination.id(), second.token(), "{\"role\":\"destination_admin\"}").expect(200);
        problem(api.delete(ws + "/members/" + second.id(), destination.token()), 409, "conflict");
        problem(api.put(ws + "/members/" + second.id(), destination.token(), "{\"role\":\"workspace_editor\"}"), 409, "conflict");
        assertThat(roleOf(ws, second.id())).isEqualTo("admin");

        api.put(ws + "/members/" + adminId, second.token(), "{\"role\":\"admin\"}").expect(200);
        api.delete(ws + "/members/" + second.id(), ADMIN_TOKEN).expect(204);
        assertThat(texts(api.get(ws + "/members", ADMIN_TOKEN).json().get("items"), "role")).containsExactlyInAnyOrder(
                "admin", "destination_admin");
    }

    @Test
    void anAdminOfOneWorkspaceFindsNothingOfAnother() {
        String a = fx.workspace("iso-a");
        String b = fx.workspace("iso-b");
        Person adminOfA = fx.person("admin-of-a@example.com");
        Person inB = fx.person("viewer-in-b@example.com");
        fx.member(a, adminOfA, "admin");
        fx.member(b, inB, "workspace_viewer");
        api.put(b + "/roles/custom", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}").expect(200);
        JsonNode settingsOfB = api.get(b + "/settings", ADMIN_TOKEN).json();
        JsonNode membersOfB = api.get(b + "/members", ADMIN_TOKEN).json();
        JsonNode rolesOfB = api.get(b + "/roles", ADMIN_TOKEN).json();
        int eventsOfB = fx.auditCount(b);

        String role = "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}";
        Person inA = fx.person("viewer-in-a@example.com");
        fx.member(a, inA, "workspace_viewer");
        // method, path under the workspace, body; {member} is a member of the workspace called
        List<String[]> calls = List.of(
                new String[] {"GET", "", null},
                new String[] {"GET", "/settings", null},
                new String[] {"PATCH", "/settings", "{\"requireApprovals\":true}"},
                new String[] {"GET", "/members", null},
                new String[] {"PUT", "/members/" + adminOfA.id(), "{\"role\":\"admin\"}"},
                new String[] {"PUT", "/members/{member}", "{\"role\":\"workspace_editor\"}"},
                new String[] {"GET", "/roles", null},
                new String[] {"PUT", "/roles/custom", role},
                new String[] {"PUT", "/roles/brand-new", role},
                new String[] {"DELETE", "/roles/custom", null},
                new String[] {"GET", "/permissions", null},
                new String[] {"GET", "/permissions?user={member}", null},
                new String[] {"GET", "/permissions?type=model&label=team:growth", null},
                new String[] {"GET", "/audit", null},
                new String[] {"GET", "/audit?after=1&limit=2", null},
                new String[] {"GET", "/audit/verify", null},
                new String[] {"GET", "/audit/export", null},
                new String[] {"DELETE", "/members/{member}", null});
        for (String[] call : calls) {
            String what = call[0] + " " + b + call[1];
            // the same call on A succeeds: the token is good and the 404 is about B alone
            Response onA = api.withBody(call[0], a + call[1].replace("{member}", inA.id()), adminOfA.token(), call[2]);
            assertThat(onA.status()).as("control on A: " + what + " -> " + onA).isIn(200, 204);

            String path = call[1].replace("{member}", inB.id());
            Response onB = api.withBody(call[0], b + path, adminOfA.token(), call[2]);
            assertThat(onB.status()).as(what + " -> " + onB).isEqualTo(404);
            problem(onB, 404, "not_found");
            Response missing = api.withBody(call[0], "/api/v1/workspaces/iso-none" + path, adminOfA.token(), call[2]);
            problem(missing, 404, "not_found");
            assertThat(onB.json().path("title")).as(what).isEqualTo(missing.json().path("title"));
            assertThat(onB.json().path("detail").asText()).as(what + ": indistinguishable from a missing workspace")
                    .isEqualTo(missing.json().path("detail").asText().replace("iso-none", "iso-b"));
        }
        assertThat(texts(api.get("/api/v1/workspaces", adminOfA.token()).json().get("items"), "slug")).containsExactly("iso-a");

        // nothing in B changed
        assertThat(api.get(b + "/settings", ADMIN_TOKEN).json()).isEqualTo(settingsOfB);
        assertThat(api.get(b + "/members", ADMIN_TOKEN).json()).isEqualTo(membersOfB);
        assertThat(api.get(b + "/roles", ADMIN_TOKEN).json()).isEqualTo(rolesOfB);
        assertThat(fx.auditCount(b)).isEqualTo(eventsOfB);
    }

    private static String roleOf(String ws, String userId) {
        return list(api.get(ws + "/members", ADMIN_TOKEN).expect(200).json().get("items")).stream()
                .filter(m -> m.get("userId").asText().equals(userId)).findFirst()
                .map(m -> m.get("role").asText()).orElse(null);
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
