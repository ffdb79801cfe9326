package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.errorPaths;
import static org.countersign.distribution.WorkspaceFixtures.list;
import static org.countersign.distribution.WorkspaceFixtures.problem;
import static org.countersign.distribution.WorkspaceFixtures.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Roles, permissions and who may manage a workspace, over real HTTP (docs/domain.md#members-roles-and-permissions). */
class AccessIT {

    private static final List<String> BUILT_IN = List.of("admin", "workspace_editor", "model_sync_editor", "sync_editor",
            "audience_editor", "source_admin", "destination_admin", "workspace_viewer", "workspace_draft_editor");
    private static final List<String> RESOURCE_ACTIONS = List.of("create", "read", "update", "delete", "preview", "start",
            "enable", "debugger", "testrow", "approve");
    private static final String READ_ROLE = "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}";

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
    void aViewerReadsButEveryWriteAndTheAuditLogAreForbidden() {
        String ws = fx.workspace("viewing");
        Person viewer = fx.person("viewer@example.com");
        Person other = fx.person("other-viewer@example.com");
        fx.member(ws, viewer, "workspace_viewer");
        fx.member(ws, other, "workspace_viewer");
        api.put(ws + "/roles/spare", ADMIN_TOKEN, READ_ROLE).expect(200);
        String adminId = fx.adminId();
        JsonNode settings = api.get(ws + "/settings", ADMIN_TOKEN).json();
        JsonNode members = api.get(ws + "/members", ADMIN_TOKEN).json();
        JsonNode roles = api.get(ws + "/roles", ADMIN_TOKEN).json();
        int events = fx.auditCount(ws);

        // every body is valid, so that only the missing permission can refuse it
        List<String[]> refused = List.of(
                new String[] {"PATCH", ws + "/settings", "{\"requireApprovals\":true}"},
                new String[] {"PUT", ws + "/members/" + viewer.id(), "{\"role\":\"admin\"}"},
                new String[] {"PUT", ws + "/members/" + other.id(), "{\"role\":\"workspace_editor\"}"},
                new String[] {"DELETE", ws + "/members/" + other.id(), null},
                new String[] {"DELETE", ws + "/members/" + adminId, null},
                new String[] {"PUT", ws + "/roles/mine", READ_ROLE},
                new String[] {"PUT", ws + "/roles/spare", "{\"description\":\"changed\",\"statements\":[]}"},
                new String[] {"DELETE", ws + "/roles/spare", null},
                new String[] {"GET", ws + "/audit", null},
                new String[] {"GET", ws + "/audit?after=1&limit=1", null},
                new String[] {"GET", ws + "/audit/export", null},
                new String[] {"GET", ws + "/permissions?user=" + adminId, null},
                new String[] {"GET", ws + "/permissions?user=" + other.id() + "&type=model", null});
        for (String[] call : refused) {
            Response response = api.withBody(call[0], call[1], viewer.token(), call[2]);
            assertThat(response.status()).as(call[0] + " " + call[1] + " -> " + response).isEqualTo(403);
            problem(response, 403, "forbidden");
        }

        for (String read : List.of(ws, ws + "/settings", ws + "/members", ws + "/roles", ws + "/permissions",
                ws + "/permissions?user=" + viewer.id(), ws + "/permissions?type=sync", ws + "/audit/verify")) {
            assertThat(api.get(read, viewer.token()).status()).as(read).isEqualTo(200);
        }
        assertThat(api.get(ws + "/settings", viewer.token()).json()).isEqualTo(settings);
        assertThat(api.get(ws + "/members", viewer.token()).json()).isEqualTo(members);
        assertThat(api.get(ws + "/roles", viewer.token()).json()).isEqualTo(roles);
        JsonNode verify = api.get(ws + "/audit/verify", viewer.token()).json();
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(verify.get("count").asInt()).isEqualTo(events);

        // nothing changed
        assertThat(api.get(ws + "/settings", ADMIN_TOKEN).json()).isEqualTo(settings);
        assertThat(api.get(ws + "/members", ADMIN_TOKEN).json()).isEqualTo(members);
        assertThat(api.get(ws + "/roles", ADMIN_TOKEN).json()).isEqualTo(roles);
        assertThat(fx.auditCount(ws)).isEqualTo(events);
    }

    @Test
    void theNineBuiltInRolesComeFirstAndCannotBeChanged() {
        String ws = fx.workspace("built-ins");
        api.put(ws + "/roles/aaa-first-alphabetically", ADMIN_TOKEN, READ_ROLE).expect(200);
        JsonNode roles = api.get(ws + "/roles", ADMIN_TOKEN).expect(200).json().get("items");
        assertThat(texts(roles, "name")).containsExactly(
                "admin", "workspace_editor", "model_sync_editor", "sync_editor", "audience_editor", "source_admin",
                "destination_admin", "workspace_viewer", "workspace_draft_editor", "aaa-first-alphabetically");
        for (int i = 0; i < BUILT_IN.size(); i++) {
            assertThat(roles.get(i).get("builtIn").asBoolean()).as(BUILT_IN.get(i)).isTrue();
            assertThat(roles.get(i).get("statements")).as(BUILT_IN.get(i)).isNotEmpty();
        }
        assertThat(roles.get(8).get("aliases")).containsExactly(Api.JSON.getNodeFactory().textNode("workspace_draft_contributor"));
        assertThat(roles.get(9).get("builtIn").asBoolean()).isFalse();

        for (String name : List.of("admin", "workspace_viewer", "workspace_draft_editor", "workspace_draft_contributor")) {
            problem(api.put(ws + "/roles/" + name, ADMIN_TOKEN, READ_ROLE), 409, "conflict");
            problem(api.delete(ws + "/roles/" + name, ADMIN_TOKEN), 409, "conflict");
        }
        assertThat(api.get(ws + "/roles", ADMIN_TOKEN).json().get("items")).isEqualTo(roles);
    }

    @Test
    void aCustomRoleIsCreatedUpdatedAndDeletedUnderStrictValidation() {
        String ws = fx.workspace("custom-roles");
        int events = fx.auditCount(ws);

        Response badAction = api.put(ws + "/roles/growth", ADMIN_TOKEN,
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\",\"teleport\"],\"resourceTypes\":[\"sync\"]}]}");
        problem(badAction, 400, "validation_failed");
        assertThat(errorPaths(badAction)).containsExactly("/statements/0/actions/1");
        Response badSecondStatement = api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"statements\":["
                + "{\"effect\":\"allow\",\"actions\":[\"read\"]},{\"effect\":\"allow\",\"actions\":[\"fly\"]}]}");
        problem(badSecondStatement, 400, "validation_failed");
        assertThat(errorPaths(badSecondStatement)).containsExactly("/statements/1/actions/0");
        Response badEffect = api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"maybe\",\"actions\":[\"read\"]}]}");
        problem(badEffect, 400, "validation_failed");
        assertThat(errorPaths(badEffect)).allMatch(path -> path.startsWith("/statements/0"));

        for (String unknown : List.of(
                "{\"statements\":[],\"owner\":\"me\"}",
                "{\"name\":\"growth\",\"builtIn\":true,\"statements\":[]}",
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"],\"resourceType\":[\"sync\"]}]}",
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"],\"where\":{\"labels\":{},\"team\":\"x\"}}]}")) {
            problem(api.put(ws + "/roles/growth", ADMIN_TOKEN, unknown), 400, "unknown_field");
        }
        for (String broken : List.of("{\"statements\":[{\"effect\":", "statements", "{\"statements\":[]}}")) {
            problem(api.put(ws + "/roles/growth", ADMIN_TOKEN, broken), 400, "invalid_json");
        }
        assertThat(texts(api.get(ws + "/roles", ADMIN_TOKEN).json().get("items"), "name")).containsExactlyElementsOf(BUILT_IN);
        problem(api.delete(ws + "/roles/growth", ADMIN_TOKEN), 404, "not_found");
        assertThat(fx.auditCount(ws)).as("refusals leave no trace").isEqualTo(events);

        Response created = api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"description\":\"Growth syncs\",\"statements\":["
                + "{\"effect\":\"allow\",\"actions\":[\"read\",\"update\"],\"resourceTypes\":[\"sync\"],"
                + "\"where\":{\"labels\":{\"team\":\"growth\"}}}]}").expect(200);
        JsonNode role = created.json();
        assertThat(role.get("name").asText()).isEqualTo("growth");
        assertThat(role.get("description").asText()).isEqualTo("Growth syncs");
        assertThat(role.get("builtIn").asBoolean()).isFalse();
        assertThat(role.get("aliases")).isEmpty();
        assertThat(role.get("statements")).hasSize(1);
        assertThat(role.at("/statements/0/effect").asText()).isEqualTo("allow");
        assertThat(role.at("/statements/0/actions")).isEqualTo(json("[\"read\",\"update\"]"));
        assertThat(role.at("/statements/0/resourceTypes")).isEqualTo(json("[\"sync\"]"));
        assertThat(role.at("/statements/0/draftOnly").asBoolean()).isFalse();
        assertThat(role.at("/statements/0/where/labels")).isEqualTo(json("{\"team\":\"growth\"}"));
        assertThat(customRole(ws, "growth")).isEqualTo(role);

        JsonNode updated = api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"description\":\"Growth, read only\","
                + "\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}").expect(200).json();
        assertThat(updated.get("description").asText()).isEqualTo("Growth, read only");
        assertThat(updated.get("statements")).hasSize(1);
        assertThat(updated.at("/statements/0/actions")).isEqualTo(json("[\"read\"]"));
        assertThat(updated.at("/statements/0/resourceTypes")).as("every type when left out").isEqualTo(json("[\"*\"]"));
        assertThat(customRole(ws, "growth")).isEqualTo(updated);

        // a refused update keeps the role as it was
        problem(api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"nope\"]}]}"),
                400, "validation_failed");
        problem(api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"],\"x\":1}]}"),
                400, "unknown_field");
        assertThat(customRole(ws, "growth")).isEqualTo(updated);

        Person fay = fx.person("fay@example.com");
        fx.member(ws, fay, "growth");
        problem(api.delete(ws + "/roles/growth", ADMIN_TOKEN), 409, "role_in_use");
        assertThat(customRole(ws, "growth")).isEqualTo(updated);
        assertThat(list(api.get(ws + "/members", ADMIN_TOKEN).json().get("items"))).filteredOn(
                m -> m.get("userId").asText().equals(fay.id())).singleElement()
                .satisfies(m -> assertThat(m.get("role").asText()).isEqualTo("growth"));

        fx.member(ws, fay, "workspace_viewer");
        api.delete(ws + "/roles/growth", ADMIN_TOKEN).expect(204);
        assertThat(texts(api.get(ws + "/roles", ADMIN_TOKEN).json().get("items"), "name")).containsExactlyElementsOf(BUILT_IN);
        problem(api.delete(ws + "/roles/growth", ADMIN_TOKEN), 404, "not_found");
        problem(api.put(ws + "/members/" + fay.id(), ADMIN_TOKEN, "{\"role\":\"growth\"}"), 400, "validation_failed");
    }

    @Test
    void aViewersPermissionsAreExplained() {
        String ws = fx.workspace("explain-viewer");
        Person viewer = fx.person("explained-viewer@example.com");
        fx.member(ws, viewer, "workspace_viewer");

        JsonNode report = api.get(ws + "/permissions", viewer.token()).expect(200).json();
        assertThat(report.get("userId").asText()).isEqualTo(viewer.id());
        assertThat(report.get("role").asText()).isEqualTo("workspace_viewer");
        List<JsonNode> checks = list(report.get("permissions"));
        JsonNode manage = checks.get(0);
        assertThat(manage.get("action").asText()).isEqualTo("manage");
        assertThat(manage.get("resourceType").isNull()).isTrue();
        assertThat(manage.get("grant").asText()).isEqualTo("denied");
        assertThat(manage.get("matched")).isEmpty();

        List<String> types = checks.stream().skip(1).map(c -> c.get("resourceType").asText()).distinct().toList();
        assertThat(types).contains("source", "model", "destination", "sync", "audience", "policy", "integration");
        for (String type : types) {
            List<JsonNode> ofType = checks.stream().filter(c -> type.equals(c.get("resourceType").asText(null))).toList();
            assertThat(ofType.stream().map(c -> c.get("action").asText()).toList()).as(type).containsAll(RESOURCE_ACTIONS);
            for (JsonNode check : ofType) {
                String action = check.get("action").asText();
                if (action.equals("read")) {
                    assertThat(check.get("grant").asText()).as(type).isEqualTo("allowed");
                    assertThat(check.get("matched")).hasSize(1);
                    assertThat(check.at("/matched/0/role").asText()).isEqualTo("workspace_viewer");
                    assertThat(check.at("/matched/0/index").asInt()).isZero();
                    assertThat(check.at("/matched/0/statement/effect").asText()).isEqualTo("allow");
                    assertThat(check.at("/matched/0/statement/actions")).isEqualTo(json("[\"read\"]"));
                } else {
                    assertThat(check.get("grant").asText()).as(type + " " + action).isEqualTo("denied");
                    assertThat(check.get("matched")).as(type + " " + action).isEmpty();
                }
            }
        }
        // the admin asks about the viewer and gets the same answer
        assertThat(api.get(ws + "/permissions?user=" + viewer.id(), ADMIN_TOKEN).expect(200).json()).isEqualTo(report);

        JsonNode onModels = api.get(ws + "/permissions?type=model", viewer.token()).expect(200).json();
        assertThat(onModels.get("resourceType").asText()).isEqualTo("model");
        assertThat(texts(onModels.get("permissions"), "action")).containsExactlyElementsOf(RESOURCE_ACTIONS);
        assertThat(texts(onModels.get("permissions"), "resourceType")).containsOnly("model");
    }

    @Test
    void labelConditionsAndDenyOverAllowAreExplained() {
        String ws = fx.workspace("explain-labels");
        api.put(ws + "/roles/growth", ADMIN_TOKEN, "{\"description\":\"Growth syncs\",\"statements\":["
                + "{\"effect\":\"allow\",\"actions\":[\"read\",\"update\"],\"resourceTypes\":[\"sync\"],\"where\":{\"labels\":{\"team\":\"growth\"}}},"
                + "{\"effect\":\"deny\",\"actions\":[\"update\"],\"resourceTypes\":[\"sync\"],\"where\":{\"labels\":{\"frozen\":\"true\"}}},"
                + "{\"effect\":\"allow\",\"actions\":[\"create\",\"update\"],\"resourceTypes\":[\"model\"],\"draftOnly\":true}]}").expect(200);
        Person fay = fx.person("fay-labels@example.com");
        Person other = fx.person("other-labels@example.com");
        fx.member(ws, fay, "growth");
        fx.member(ws, other, "workspace_viewer");

        JsonNode growth = api.get(ws + "/permissions?type=sync&label=team:growth", fay.token()).expect(200).json();
        assertThat(growth.get("role").asText()).isEqualTo("growth");
        assertThat(growth.get("resourceType").asText()).isEqualTo("sync");
        assertThat(growth.get("labels")).isEqualTo(json("{\"team\":\"growth\"}"));
        assertThat(grant(growth, "read")).isEqualTo("allowed");
        assertThat(grant(growth, "update")).isEqualTo("allowed");
        assertThat(check(growth, "update").get("matched")).hasSize(1);
        assertThat(check(growth, "update").at("/matched/0/role").asText()).isEqualTo("growth");
        assertThat(check(growth, "update").at("/matched/0/index").asInt()).isZero();
        assertThat(grant(growth, "delete")).isEqualTo("denied");
        assertThat(grant(growth, "approve")).isEqualTo("denied");

        for (String query : List.of("type=sync", "type=sync&label=team:marketing", "type=sync&label=owner:growth")) {
            JsonNode without = api.get(ws + "/permissions?" + query, fay.token()).expect(200).json();
            assertThat(grant(without, "read")).as(query).isEqualTo("denied");
            assertThat(grant(without, "update")).as(query).isEqualTo("denied");
            assertThat(check(without, "update").get("matched")).as(query).isEmpty();
        }

        // the instance admin (a workspace admin) asks about fay: the deny of statement 1 beats the allow of statement 0
        JsonNode frozen = api.get(ws + "/permissions?user=" + fay.id() + "&type=sync&label=team:growth&label=frozen:true",
                ADMIN_TOKEN).expect(200).json();
        assertThat(frozen.get("userId").asText()).isEqualTo(fay.id());
        assertThat(frozen.get("labels")).isEqualTo(json("{\"team\":\"growth\",\"frozen\":\"true\"}"));
        assertThat(grant(frozen, "update")).isEqualTo("denied");
        JsonNode update = check(frozen, "update");
        assertThat(update.get("matched")).hasSize(2);
        assertThat(update.at("/matched/0/index").asInt()).isZero();
        assertThat(update.at("/matched/0/statement/effect").asText()).isEqualTo("allow");
        assertThat(update.at("/matched/1/role").asText()).isEqualTo("growth");
        assertThat(update.at("/matched/1/index").asInt()).isEqualTo(1);
        assertThat(update.at("/matched/1/statement/effect").asText()).isEqualTo("deny");
        assertThat(update.at("/matched/1/statement/where/labels")).isEqualTo(json("{\"frozen\":\"true\"}"));
        assertThat(grant(frozen, "read")).as("the deny names update only").isEqualTo("allowed");
        // a frozen label alone matches the deny but no allow
        JsonNode frozenOnly = api.get(ws + "/permissions?type=sync&label=frozen:true", fay.token()).expect(200).json();
        assertThat(grant(frozenOnly, "update")).isEqualTo("denied");
        assertThat(check(frozenOnly, "update").get("matched")).hasSize(1);

        JsonNode models = api.get(ws + "/permissions?type=model", fay.token()).expect(200).json();
        assertThat(grant(models, "update")).isEqualTo("draft_only");
        assertThat(grant(models, "create")).isEqualTo("draft_only");
        assertThat(check(models, "update").at("/matched/0/statement/draftOnly").asBoolean()).isTrue();
        assertThat(grant(models, "read")).isEqualTo("denied");

        JsonNode all = api.get(ws + "/permissions", fay.token()).expect(200).json();
        assertThat(grantOn(all, "manage", null)).isEqualTo("denied");
        assertThat(grantOn(all, "update", "sync")).as("no labels given: the conditioned allow does not hold").isEqualTo("denied");
        assertThat(grantOn(all, "update", "model")).isEqualTo("draft_only");

        // fay may not ask about someone else, and a bad label is a validation error
        problem(api.get(ws + "/permissions?user=" + other.id(), fay.token()), 403, "forbidden");
        Response badLabel = api.get(ws + "/permissions?type=sync&label=nocolon", fay.token());
        problem(badLabel, 400, "validation_failed");
        assertThat(errorPaths(badLabel)).containsExactly("/label");
        problem(api.get(ws + "/permissions?user=usr_nobody", ADMIN_TOKEN), 404, "not_found");
    }

    @Test
    void whoMayManageTheWorkspace() {
        String ws = fx.workspace("managers");
        api.put(ws + "/roles/ops", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"manage\"]}]}").expect(200);
        api.put(ws + "/roles/everything", ADMIN_TOKEN,
                "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"*\"],\"resourceTypes\":[\"*\"]}]}").expect(200);
        Person ops = fx.person("ops@example.com");
        Person destination = fx.person("destination-admin@example.com");
        Person editor = fx.person("editor@example.com");
        Person everything = fx.person("everything@example.com");
        Person target = fx.person("target@example.com");
        fx.member(ws, ops, "ops");
        fx.member(ws, destination, "destination_admin");
        fx.member(ws, editor, "workspace_editor");
        fx.member(ws, everything, "everything");
        fx.member(ws, target, "workspace_viewer");

        // a custom role holding manage manages: settings, members, roles, the audit log and others' permissions
        JsonNode patched = api.patch(ws + "/settings", ops.token(), "{\"timezone\":\"Europe/Paris\"}").expect(200).json();
        assertThat(patched.get("timezone").asText()).isEqualTo("Europe/Paris");
        assertThat(api.put(ws + "/members/" + target.id(), ops.token(), "{\"role\":\"sync_editor\"}").expect(200)
                .json().get("role").asText()).isEqualTo("sync_editor");
        api.put(ws + "/roles/made-by-ops", ops.token(), READ_ROLE).expect(200);
        api.delete(ws + "/roles/made-by-ops", ops.token()).expect(204);
        JsonNode audit = api.get(ws + "/audit?limit=100", ops.token()).expect(200).json().get("items");
        JsonNode last = audit.get(audit.size() - 1);
        assertThat(last.get("action").asText()).isEqualTo("role.deleted");
        assertThat(last.get("actor").asText()).isEqualTo(ops.id());
        api.get(ws + "/audit/export", ops.token()).expect(200);
        assertThat(api.get(ws + "/permissions?user=" + target.id(), ops.token()).expect(200).json().get("role").asText())
                .isEqualTo("sync_editor");
        JsonNode opsReport = api.get(ws + "/permissions", ops.token()).json();
        assertThat(grantOn(opsReport, "manage", null)).isEqualTo("allowed");
        assertThat(grantOn(opsReport, "read", "model")).as("manage alone reads no resource").isEqualTo("denied");

        // destination_admin manages too
        api.patch(ws + "/settings", destination.token(), "{\"allowSelfApproval\":true}").expect(200);
        api.put(ws + "/members/" + target.id(), destination.token(), "{\"role\":\"workspace_viewer\"}").expect(200);

        // full resource access, built-in or custom, is not manage
        for (Person person : List.of(editor, everything)) {
            problem(api.patch(ws + "/settings", person.token(), "{\"requireApprovals\":true}"), 403, "forbidden");
            problem(api.put(ws + "/members/" + target.id(), person.token(), "{\"role\":\"admin\"}"), 403, "forbidden");
            problem(api.put(ws + "/roles/sneaky", person.token(), READ_ROLE), 403, "forbidden");
            problem(api.get(ws + "/audit", person.token()), 403, "forbidden");
            JsonNode report = api.get(ws + "/permissions", person.token()).expect(200).json();
            assertThat(grantOn(report, "manage", null)).isEqualTo("denied");
            assertThat(grantOn(report, "update", "model")).isEqualTo("allowed");
        }
        JsonNode settings = api.get(ws + "/settings", ADMIN_TOKEN).json();
        assertThat(settings.get("requireApprovals").asBoolean()).isFalse();
        assertThat(settings.get("allowSelfApproval").asBoolean()).isTrue();
        assertThat(settings.get("timezone").asText()).isEqualTo("Europe/Paris");

        // losing the role loses the power at once
        fx.member(ws, ops, "workspace_viewer");
        problem(api.patch(ws + "/settings", ops.token(), "{\"timezone\":\"UTC\"}"), 403, "forbidden");
    }

    private static JsonNode customRole(String ws, String name) {
        return list(api.get(ws + "/roles", ADMIN_TOKEN).expect(200).json().get("items")).stream()
                .filter(r -> r.get("name").asText().equals(name)).findFirst().orElse(null);
    }

    private static JsonNode check(JsonNode report, String action) {
        List<JsonNode> found = list(report.get("permissions")).stream()
                .filter(c -> c.get("action").asText().equals(action)).toList();
        assertThat(found).as(action + " in " + report).hasSize(1);
        return found.get(0);
    }

    private static String grant(JsonNode report, String action) {
        return check(report, action).get("grant").asText();
    }

    private static String grantOn(JsonNode report, String action, String type) {
        return list(report.get("permissions")).stream()
                .filter(c -> c.get("action").asText().equals(action)
                        && (type == null ? c.get("resourceType").isNull() : type.equals(c.get("resourceType").asText())))
                .findFirst().orElseThrow(() -> new AssertionError(action + " on " + type + " missing in " + report))
                .get("grant").asText();
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
