package org.countersign.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Grant;
import org.countersign.api.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in role x resource type x action, checked against the permission table of seeds/004 as it is
 * printed there (Full, Full*, Limited, Read, No Access; the Account column is {@code manage}), the approve
 * rule of seeds/001, and docs/domain.md#members-roles-and-permissions for types the table does not name.
 */
class BuiltInRoleMatrixTest {

    private static final String SEED_TABLE = """
            role                   | source | model | destination | sync    | audience | account
            admin                  | Full   | Full  | Full        | Full    | Full     | Full
            workspace_editor       | Full   | Full  | Full        | Full    | Full     | No Access
            model_sync_editor      | Read   | Full  | Read        | Full    | Full     | No Access
            sync_editor            | Read   | Read  | Read        | Full    | Full     | No Access
            audience_editor        | Read   | Read  | Read        | Limited | Full     | No Access
            source_admin           | Full   | Full  | Read        | Read    | Read     | No Access
            destination_admin      | Read   | Read  | Full        | Read    | Read     | Full
            workspace_viewer       | Read   | Read  | Read        | Read    | Read     | No Access
            workspace_draft_editor | Full   | Full* | Full        | Full*   | Full     | No Access
            """;

    /**
     * docs/domain.md#members-roles-and-permissions: types unknown to the table get admin/editor full, draft editor
     * Full*, everyone else read.
     */
    private static final List<String> OTHER_TYPES = List.of("policy", "integration", "some_plugin_type");

    /** seeds/001: every role except the draft editor and the viewer can grant approval. */
    private static final List<String> CANNOT_APPROVE = List.of("workspace_draft_editor", "workspace_viewer");

    private static final List<String> NON_APPROVE_ACTIONS = Actions.RESOURCE_ACTIONS.stream()
            .filter(a -> !a.equals(Actions.APPROVE)).toList();

    static Stream<Arguments> resourceCells() {
        List<Arguments> cells = new ArrayList<>();
        List<String[]> rows = rows();
        String[] header = rows.get(0);
        for (String[] row : rows.subList(1, rows.size())) {
            String role = row[0];
            for (int column = 1; column <= 5; column++) {
                addCells(cells, role, header[column], row[column]);
            }
            String otherLevel = switch (role) {
                case "admin", "workspace_editor" -> "Full";
                case "workspace_draft_editor" -> "Full*";
                default -> "Read";
            };
            OTHER_TYPES.forEach(type -> addCells(cells, role, type, otherLevel));
        }
        return cells.stream();
    }

    private static void addCells(List<Arguments> cells, String role, String type, String level) {
        for (String action : NON_APPROVE_ACTIONS) {
            cells.add(Arguments.of(role, type, action, expected(level, action)));
        }
        cells.add(Arguments.of(role, type, Actions.APPROVE, CANNOT_APPROVE.contains(role) ? Grant.DENIED : Grant.ALLOWED));
    }

    private static Grant expected(String level, String action) {
        return switch (level) {
            case "Full" -> Grant.ALLOWED;
            case "Full*" -> Actions.WRITE_ACTIONS.contains(action) ? Grant.DRAFT_ONLY : Grant.ALLOWED;
            case "Limited" -> List.of(Actions.START, Actions.ENABLE).contains(action) ? Grant.DENIED : Grant.ALLOWED;
            case "Read" -> action.equals(Actions.READ) ? Grant.ALLOWED : Grant.DENIED;
            default -> throw new IllegalArgumentException("Unknown level " + level);
        };
    }

    static Stream<Arguments> accountCells() {
        List<String[]> rows = rows();
        return rows.subList(1, rows.size()).stream()
                .map(row -> Arguments.of(row[0], row[6].equals("Full") ? Grant.ALLOWED : Grant.DENIED));
    }

    private static List<String[]> rows() {
        return SEED_TABLE.lines().map(line -> line.split("\\s*\\|\\s*"))
                .map(cells -> Stream.of(cells).map(String::strip).toArray(String[]::new)).toList();
    }

    @ParameterizedTest(name = "{0} {2} {1} -> {3}")
    @MethodSource("resourceCells")
    void resourceActionsFollowTheSeedTable(String roleName, String type, String action, Grant expected) {
        Role role = BuiltInRoles.byName(roleName).orElseThrow();
        assertThat(PermissionEvaluator.check(role, action, type, Map.of()).grant()).isEqualTo(expected);
        // labels on the resource never change what a built-in role may do
        assertThat(PermissionEvaluator.check(role, action, type, Map.of("team", "growth")).grant()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} manage -> {1}")
    @MethodSource("accountCells")
    void theAccountColumnIsManage(String roleName, Grant expected) {
        Role role = BuiltInRoles.byName(roleName).orElseThrow();
        assertThat(PermissionEvaluator.check(role, Actions.MANAGE, null, Map.of()).grant()).isEqualTo(expected);
    }

    @Test
    void theTableCoversExactlyTheNineBuiltInRolesInOrder() {
        List<String> tableRoles = rows().subList(1, rows().size()).stream().map(row -> row[0]).toList();
        assertThat(BuiltInRoles.all()).extracting(Role::name).containsExactlyElementsOf(tableRoles);
        assertThat(BuiltInRoles.all()).allMatch(Role::builtIn);
    }

    @Test
    void theDraftContributorIsAnAliasOfTheDraftEditor() {
        assertThat(BuiltInRoles.byName("workspace_draft_contributor")).contains(
                BuiltInRoles.byName("workspace_draft_editor").orElseThrow());
        assertThat(BuiltInRoles.isBuiltIn("workspace_draft_contributor")).isTrue();
        assertThat(BuiltInRoles.isBuiltIn("auditor")).isFalse();
    }

    @Test
    void aDecisionNamesTheStatementsBehindIt() {
        Role draftEditor = BuiltInRoles.byName("workspace_draft_editor").orElseThrow();
        var approve = PermissionEvaluator.check(draftEditor, Actions.APPROVE, "model", Map.of());
        assertThat(approve.matched()).anyMatch(m -> m.statement().denies() && m.role().equals("workspace_draft_editor"));
        var update = PermissionEvaluator.check(draftEditor, Actions.UPDATE, "model", Map.of());
        assertThat(update.matched()).singleElement().satisfies(m -> assertThat(m.statement().draftOnly()).isTrue());
    }
}
