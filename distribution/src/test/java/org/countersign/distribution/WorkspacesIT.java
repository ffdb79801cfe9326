package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces, settings, members, roles and permissions through the running distribution (SPEC §2.2, §2.3). */
class WorkspacesIT {

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;

    @BeforeAll
    static void start() {
        server = RunningCountersign.installIn(dir.resolve("countersign")).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A new user and their token. */
    record Person(String id, String token) {
    }

    private static Person person(String email) {
        Response user = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"" + email + "\",\"name\":\"Test\"}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String id = user.json().get("id").asText();
        Response key = api.post("/api/v1/users/" + id + "/api-keys", ADMIN_TOKEN, "{\"name\":\"test\"}");
        return new Person(id, key.json().get("token").asText());
    }

    private static String workspace(String slug) {
        Response created = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"" + slug + "\",\"name\":\"WS " + slug + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return "/api/v1/workspaces/" + slug;
    }

    private static void member(String ws, Person person, String role) {
        Response put = api.put(ws + "/members/" + person.id(), ADMIN_TOKEN, "{\"role\":\"" + role + "\"}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }


    @Test
    void creatingAWorkspaceMakesTheCreatorItsAdmin() {
        Response created = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"marketing\",\"name\":\"Marketing\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("slug").asText()).isEqualTo("marketing");

        JsonNode me = api.get("/api/v1/me", ADMIN_TOKEN).json();
        assertThat(texts(me.get("memberships"), "slug")).contains("marketing");
        JsonNode members = api.get("/api/v1/workspaces/marketing/members", ADMIN_TOKEN).json().get("items");
        assertThat(texts(members, "email")).containsExactly("admin@localhost");
        assertThat(texts(members, "role")).containsExactly("admin");

        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"marketing\",\"name\":\"Again\"}").expectProblem(409, "conflict");
        Response badSlug = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"Not A Slug\",\"name\":\"x\"}");
        badSlug.expectProblem(400, "validation_failed");
        assertThat(badSlug.json().at("/errors/0/path").asText()).isEqualTo("/slug");
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"x1\",\"name\":\"x\",\"id\":\"mine\"}").expectProblem(400, "unknown_field");
        api.post("/api/v1/workspaces", person("nobody@example.com").token(), "{\"slug\":\"mine\",\"name\":\"x\"}").expectProblem(403, "forbidden");
    }

    @Test
    void membersListOnlyTheirWorkspaces() {
        String ws = workspace("listing-a");
        workspace("listing-b");
        Person dana = person("dana@example.com");
        member(ws, dana, "workspace_viewer");

        assertThat(texts(api.get("/api/v1/workspaces", dana.token()).json().get("items"), "slug")).containsExactly("listing-a");
        assertThat(texts(api.get("/api/v1/workspaces", ADMIN_TOKEN).json().get("items"), "slug"))
                .contains("listing-a", "listing-b");
        JsonNode me = api.get("/api/v1/me", dana.token()).json();
        assertThat(me.at("/memberships/0/slug").asText()).isEqualTo("listing-a");
        assertThat(me.at("/memberships/0/role").asText()).isEqualTo("workspace_viewer");
    }

    @Test
    void settingsArePatchedStrictlyAndSecretsAreWriteOnly() {
        String ws = workspace("settings");
        JsonNode defaults = api.get(ws + "/settings", ADMIN_TOKEN).json();
        assertThat(defaults.get("requireApprovals").asBoolean()).isFalse();
        assertThat(defaults.get("environments")).hasSize(1);

        Response nested = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"promotion\":{\"enabled\":true},\"requireApprovals\":true,"
                + "\"notifications\":[{\"type\":\"webhook\",\"url\":\"https://hooks.example/h\",\"secret\":\"0123456789abcdef0\"}]}");
        assertThat(nested.status()).as(nested.toString()).isEqualTo(200);
        Response dotted = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"promotion.reviewerRoles\":[\"workspace_editor\"]}");
        JsonNode settings = dotted.json();
        assertThat(settings.at("/promotion/enabled").asBoolean()).isTrue();
        assertThat(settings.at("/promotion/reviewerRoles/0").asText()).isEqualTo("workspace_editor");
        assertThat(settings.get("requireApprovals").asBoolean()).isTrue();
        String shown = api.get(ws + "/settings", ADMIN_TOKEN).body();
        assertThat(shown).contains("\"type\":\"webhook\"").doesNotContain("hooks.example").doesNotContain("0123456789abcdef0");

        Response reset = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":null}");
        assertThat(reset.json().get("requireApprovals").asBoolean()).isFalse();

        Response unknown = api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"promotion\":{\"speed\":1}}");
        unknown.expectProblem(400, "unknown_field");
        assertThat(unknown.json().at("/errors/0/path").asText()).isEqualTo("/promotion/speed");
        Response wrong = api.patch(ws + "/settings", ADMIN_TOKEN,
                "{\"requireApprovals\":\"yes\",\"environments\":[],\"timezone\":\"Nowhere/Land\"}");
        wrong.expectProblem(400, "validation_failed");
        assertThat(texts(wrong.json().get("errors"), "path")).containsExactlyInAnyOrder("/requireApprovals",
                "/environments", "/timezone");
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json().get("requireApprovals").asBoolean())
                .as("refused patches change nothing").isFalse();
    }

    @Test
    void membersHoldOneRoleAndTheLastAdminStays() {
        String ws = workspace("members");
        Person erin = person("erin@example.com");
        member(ws, erin, "workspace_viewer");
        Response alias = api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"workspace_draft_contributor\"}");
        assertThat(alias.json().get("role").asText()).isEqualTo("workspace_draft_editor");
        assertThat(api.get(ws + "/members", ADMIN_TOKEN).json().get("items")).hasSize(2);

        api.put(ws + "/members/" + erin.id(), ADMIN_TOKEN, "{\"role\":\"overlord\"}").expectProblem(400, "validation_failed");
        api.put(ws + "/members/usr_missing", ADMIN_TOKEN, "{\"role\":\"admin\"}").expectProblem(404, "not_found");
        String adminId = api.get("/api/v1/me", ADMIN_TOKEN).json().get("id").asText();
        api.put(ws + "/members/" + adminId, ADMIN_TOKEN, "{\"role\":\"workspace_viewer\"}").expectProblem(409, "conflict");
        api.delete(ws + "/members/" + adminId, ADMIN_TOKEN).expectProblem(409, "conflict");

        assertThat(api.delete(ws + "/members/" + erin.id(), ADMIN_TOKEN).status()).isEqualTo(204);
        api.get(ws, erin.token()).expectProblem(404, "not_found");
    }

    @Test
    void anAdminOfOneWorkspaceFindsNothingInAnother() {
        String a = workspace("iso-a");
        String b = workspace("iso-b");
        Person adminOfA = person("admin-of-a@example.com");
        Person inB = person("in-b@example.com");
        member(a, adminOfA, "admin");
        member(b, inB, "workspace_viewer");
        api.put(b + "/roles/custom", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}");

        List<String[]> calls = new ArrayList<>(List.of(
                new String[] {"GET", b, null},
                new String[] {"GET", b + "/settings", null},
                new String[] {"PATCH", b + "/settings", "{\"requireApprovals\":true}"},
                new String[] {"GET", b + "/members", null},
                new String[] {"PUT", b + "/members/" + adminOfA.id(), "{\"role\":\"admin\"}"},
                new String[] {"PUT", b + "/members/" + inB.id(), "{\"role\":\"admin\"}"},
                new String[] {"DELETE", b + "/members/" + inB.id(), null},
                new String[] {"GET", b + "/roles", null},
                new String[] {"PUT", b + "/roles/custom", "{\"statements\":[]}"},
                new String[] {"PUT", b + "/roles/admin", "{\"statements\":[]}"},
                new String[] {"DELETE", b + "/roles/custom", null},
                new String[] {"GET", b + "/permissions", null},
                new String[] {"GET", b + "/permissions?user=" + inB.id(), null},
                new String[] {"GET", b + "/audit", null},
                new String[] {"GET", b + "/audit/verify", null},
                new String[] {"GET", b + "/audit/export", null}));
        for (String[] call : calls) {
            Response response = api.withBody(call[0], call[1], adminOfA.token(), call[2]);
            response.expectProblem(404, "not_found");
            Response missing = api.withBody(call[0], call[1].replace("iso-b", "iso-none"), adminOfA.token(), call[2]);
            assertThat(missing.json().get("detail").asText()).as("indistinguishable from a missing workspace")
                    .isEqualTo(response.json().get("detail").asText().replace("iso-b", "iso-none"));
        }
        // nothing changed in B
        assertThat(texts(api.get(b + "/members", ADMIN_TOKEN).json().get("items"), "role")).contains("workspace_viewer");
        assertThat(api.get(b + "/settings", ADMIN_TOKEN).json().get("requireApprovals").asBoolean()).isFalse();
        assertThat(api.get(b + "/audit/verify", ADMIN_TOKEN).json().get("count").asInt()).isEqualTo(3);
    }

    @Test
    void aViewerMayReadButEveryWriteIsForbidden() {
        String ws = workspace("viewing");
        Person viewer = person("viewer@example.com");
        member(ws, viewer, "workspace_viewer");
        api.put(ws + "/roles/spare", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}");
        String adminId = api.get("/api/v1/me", ADMIN_TOKEN).json().get("id").asText();
        int eventsBefore = api.get(ws + "/audit/verify", ADMIN_TOKEN).json().get("count").asInt();

        List<String[]> writes = List.of(
                new String[] {"PATCH", ws + "/settings", "{\"requireApprovals\":true}"},
                new String[] {"PUT", ws + "/members/" + viewer.id(), "{\"role\":\"admin\"}"},
                new String[] {"DELETE", ws + "/members/" + adminId, null},
                new String[] {"PUT", ws + "/roles/mine", "{\"statements\":[]}"},
                new String[] {"DELETE", ws + "/roles/spare", null},
                new String[] {"GET", ws + "/audit", null},
                new String[] {"GET", ws + "/audit/export", null},
                new String[] {"GET", ws + "/permissions?user=" + adminId, null});
        for (String[] call : writes) {
            api.withBody(call[0], call[1], viewer.token(), call[2]).expectProblem(403, "forbidden");
        }
        for (String read : List.of(ws, ws + "/settings", ws + "/members", ws + "/roles", ws + "/permissions",
                ws + "/audit/verify")) {
            assertThat(api.get(read, viewer.token()).status()).as(read).isEqualTo(200);
        }
        assertThat(api.get(ws + "/audit/verify", ADMIN_TOKEN).json().get("count").asInt()).isEqualTo(eventsBefore);
    }

    @Test
    void customRolesAreValidatedAndCannotBeDeletedWhileHeld() {
        String ws = workspace("custom-roles");
        Person fay = person("fay@example.com");

        Response badAction = api.put(ws + "/roles/growth", ADMIN_TOKEN,
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\",\"teleport\"],\"resourceTypes\":[\"sync\"]}]}");
        badAction.expectProblem(400, "validation_failed");
        assertThat(badAction.json().at("/errors/0/path").asText()).isEqualTo("/statements/0/actions/1");
        api.put(ws + "/roles/growth", ADMIN_TOKEN,
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"],\"where\":{\"labels\":{},\"team\":\"x\"}}]}").expectProblem(400, "unknown_field");
        api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"statements\":[{\"effect\":").expectProblem(400, "invalid_json");
        api.put(ws + "/roles/workspace_editor", ADMIN_TOKEN, "{\"statements\":[]}").expectProblem(409, "conflict");
        api.delete(ws + "/roles/admin", ADMIN_TOKEN).expectProblem(409, "conflict");

        Response created = api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"description\":\"Growth syncs\",\"statements\":["
                + "{\"effect\":\"allow\",\"actions\":[\"read\",\"update\"],\"resourceTypes\":[\"sync\"],\"where\":{\"labels\":{\"team\":\"growth\"}}},"
                + "{\"effect\":\"deny\",\"actions\":[\"update\"],\"resourceTypes\":[\"sync\"],\"where\":{\"labels\":{\"frozen\":\"true\"}}},"
                + "{\"effect\":\"allow\",\"actions\":[\"manage\"],\"resourceTypes\":[\"*\"]}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().get("builtIn").asBoolean()).isFalse();
        JsonNode roles = api.get(ws + "/roles", ADMIN_TOKEN).json().get("items");
        assertThat(texts(roles, "name")).startsWith("admin", "workspace_editor").endsWith("growth").hasSize(10);

        member(ws, fay, "growth");
        api.delete(ws + "/roles/growth", ADMIN_TOKEN).expectProblem(409, "role_in_use");

        // the custom manage statement lets fay manage; label conditions decide resource access
        assertThat(api.patch(ws + "/settings", fay.token(), "{\"timezone\":\"Europe/Paris\"}").status()).isEqualTo(200);
        JsonNode growth = api.get(ws + "/permissions?type=sync&label=team:growth", fay.token()).json();
        assertThat(grant(growth, "update")).isEqualTo("allowed");
        assertThat(grant(growth, "delete")).isEqualTo("denied");
        JsonNode frozen = api.get(ws + "/permissions?user=" + fay.id() + "&type=sync&label=team:growth&label=frozen:true",
                ADMIN_TOKEN).json();
        assertThat(frozen.get("role").asText()).isEqualTo("growth");
        assertThat(grant(frozen, "update")).isEqualTo("denied");
        JsonNode update = check(frozen, "update");
        assertThat(update.get("matched")).hasSize(2);
        assertThat(update.at("/matched/1/statement/effect").asText()).isEqualTo("deny");
        assertThat(grant(api.get(ws + "/permissions?type=sync", fay.token()).json(), "read")).isEqualTo("denied");

        member(ws, fay, "workspace_viewer");
        assertThat(api.delete(ws + "/roles/growth", ADMIN_TOKEN).status()).isEqualTo(204);
        api.delete(ws + "/roles/growth", ADMIN_TOKEN).expectProblem(404, "not_found");
    }

    @Test
    void theDraftEditorIsExplainedAsFullStarOnModels() {
        String ws = workspace("explain");
        Person gus = person("gus@example.com");
        member(ws, gus, "workspace_draft_editor");
        JsonNode report = api.get(ws + "/permissions", gus.token()).json();
        assertThat(report.get("role").asText()).isEqualTo("workspace_draft_editor");
        assertThat(grantOn(report, "update", "model")).isEqualTo("draft_only");
        assertThat(grantOn(report, "update", "source")).isEqualTo("allowed");
        assertThat(grantOn(report, "approve", "model")).isEqualTo("denied");
        assertThat(grantOn(report, "manage", null)).isEqualTo("denied");
    }

    private static JsonNode check(JsonNode report, String action) {
        return StreamSupport.stream(report.get("permissions").spliterator(), false)
                .filter(c -> c.get("action").asText().equals(action)).findFirst().orElseThrow();
    }

    private static String grant(JsonNode report, String action) {
        return check(report, action).get("grant").asText();
    }

    private static String grantOn(JsonNode report, String action, String type) {
        return StreamSupport.stream(report.get("permissions").spliterator(), false)
                .filter(c -> c.get("action").asText().equals(action)
                        && (type == null ? c.get("resourceType").isNull() : type.equals(c.get("resourceType").asText())))
                .findFirst().orElseThrow().get("grant").asText();
    }
}
