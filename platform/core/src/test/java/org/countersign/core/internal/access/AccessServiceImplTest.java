package org.countersign.core.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.api.access.Grant;
import org.countersign.api.access.PermissionCheck;
import org.countersign.api.access.PermissionReport;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.access.Statement.Where;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.workspace.Workspace;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.WorkspaceServiceImpl;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom roles and permission explanations on the real SQLite store. */
class AccessServiceImplTest {

    /** A plugin type declaring its own action, standing in for a resource-type bundle. */
    private static final ResourceType SAMPLE = TestTypes.governed("sample", "sample_run");

    @TempDir
    Path dir;

    private SqliteStore store;
    private HashChainAuditLog audit;
    private WorkspaceServiceImpl workspaces;
    private AccessServiceImpl access;
    private Actor root;
    private Actor alice;
    private Workspace ws;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        audit = new HashChainAuditLog(store);
        AccessControl control = new AccessControl();
        ResourceTypes types = TestTypes.registry(SAMPLE);
        workspaces = new WorkspaceServiceImpl(store, audit, control, TestTypes.governance(audit, control), TestTypes.SECRETS);
        access = new AccessServiceImpl(store, audit, control, types);
        root = user("root@example.com", true);
        alice = user("alice@example.com", false);
        ws = workspaces.create(root, "growth", "Growth");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Actor user(String email, boolean instanceAdmin) {
        User user = new User(Ids.next("usr"), email, email, instanceAdmin, Times.now());
        store.write(tx -> {
            tx.users().insert(user);
            return null;
        });
        return new Actor(user, null, "req-" + email);
    }

    private static List<Statement> growthEditor() {
        return List.of(
                new Statement("allow", List.of("read", "update"), List.of("sync"), false,
                        new Where(Map.of("team", "growth"))),
                new Statement("deny", List.of("update"), List.of("sync"), false, new Where(Map.of("frozen", "true"))));
    }

    private static Grant grant(PermissionReport report, String action, String type) {
        return report.checks().stream().filter(c -> c.action().equals(action) && Objects.equals(c.resourceType(), type))
                .map(PermissionCheck::grant).findFirst().orElseThrow();
    }

    @Test
    void listsBuiltInsThenCustomRoles() {
        access.putRole(root, "growth", "growth_editor", "Edits growth syncs", growthEditor());
        List<Role> roles = access.roles(root, "growth");
        assertThat(roles).hasSize(10);
        assertThat(roles.get(0).name()).isEqualTo("admin");
        assertThat(roles.get(9)).isEqualTo(new Role("growth_editor", "Edits growth syncs", false, List.of(), growthEditor()));
    }

    @Test
    void customRolesAreValidatedStrictly() {
        List<Statement> bad = List.of(
                new Statement("permit", List.of("read", "fly"), List.of("Sync!"), false, null),
                new Statement("deny", List.of(), List.of("*"), true, null),
                new Statement("allow", List.of("manage"), List.of("model"), false, new Where(Map.of("a", "b"))));
        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> access.putRole(root, "growth", "broken", null, bad));
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(e.errors()).extracting(FieldError::path).containsExactlyInAnyOrder("/statements/0/effect",
                "/statements/0/actions/1", "/statements/0/resourceTypes/0", "/statements/1/actions",
                "/statements/1/draftOnly", "/statements/2/resourceTypes", "/statements/2/where");
        assertThat(catchThrowableOfType(BadRequestException.class,
                () -> access.putRole(root, "growth", "Bad Name", null, List.of())).errors())
                .extracting(FieldError::path).containsExactly("/name");
        assertThat(access.roles(root, "growth")).hasSize(9);
    }

    @Test
    void pluginActionsAreKnownWhileTheirTypeIsRegistered() {
        Role role = access.putRole(root, "growth", "runner", "", List.of(Statement.allow(List.of("sample_run"), List.of("sample"))));
        assertThat(role.statements()).hasSize(1);
    }

    @Test
    void builtInRolesCannotBeChangedOrDeleted() {
        for (String name : List.of("admin", "workspace_draft_contributor")) {
            assertThat(catchThrowableOfType(ConflictException.class,
                    () -> access.putRole(root, "growth", name, "", List.of())).code()).isEqualTo("conflict");
            assertThatThrownBy(() -> access.deleteRole(root, "growth", name)).isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void aRoleInUseCannotBeDeleted() {
        access.putRole(root, "growth", "growth_editor", "", growthEditor());
        workspaces.putMember(root, "growth", alice.userId(), "growth_editor");
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> access.deleteRole(root, "growth", "growth_editor")).code()).isEqualTo("role_in_use");

        workspaces.putMember(root, "growth", alice.userId(), "workspace_viewer");
        workspaces.updateSettings(root, "growth", Map.of("promotion.reviewerRoles", List.of("growth_editor")));
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> access.deleteRole(root, "growth", "growth_editor")).code()).isEqualTo("role_in_use");

        workspaces.updateSettings(root, "growth", Map.of("promotion.reviewerRoles", List.of()));
        access.deleteRole(root, "growth", "growth_editor");
        assertThat(access.roles(root, "growth")).hasSize(9);
        assertThatThrownBy(() -> access.deleteRole(root, "growth", "growth_editor")).isInstanceOf(NotFoundException.class);
        assertThat(audit.list(ws.id(), 0, 100)).extracting(AuditEvent::action).contains("role.created", "role.deleted");
        assertThat(audit.verify(ws.id()).ok()).isTrue();
    }

    @Test
    void onlyManagersEditRoles() {
        workspaces.putMember(root, "growth", alice.userId(), "workspace_editor");
        assertThatThrownBy(() -> access.putRole(alice, "growth", "x", "", List.of())).isInstanceOf(ForbiddenException.class);
        assertThat(access.roles(alice, "growth")).hasSize(9);
    }

    @Test
    void explainsLabelConditionsAndDenyOverAllow() {
        access.putRole(root, "growth", "growth_editor", "", growthEditor());
        workspaces.putMember(root, "growth", alice.userId(), "growth_editor");

        PermissionReport growth = access.explain(alice, "growth", null, null, "sync", Map.of("team", "growth"));
        assertThat(growth.role()).isEqualTo("growth_editor");
        assertThat(grant(growth, "update", "sync")).isEqualTo(Grant.ALLOWED);
        assertThat(grant(growth, "delete", "sync")).isEqualTo(Grant.DENIED);

        PermissionReport frozen = access.explain(root, "growth", alice.userId(), null, "sync",
                Map.of("team", "growth", "frozen", "true"));
        assertThat(grant(frozen, "update", "sync")).isEqualTo(Grant.DENIED);
        PermissionCheck update = frozen.checks().stream().filter(c -> c.action().equals("update")).findFirst().orElseThrow();
        assertThat(update.matched()).extracting(m -> m.index()).containsExactly(0, 1);

        PermissionReport unlabelled = access.explain(alice, "growth", null, null, "sync", Map.of());
        assertThat(grant(unlabelled, "read", "sync")).isEqualTo(Grant.DENIED);
    }

    @Test
    void withoutATypeTheReportCoversManageAndEveryKnownType() {
        PermissionReport report = access.explain(root, "growth", null, null, null, null);
        assertThat(grant(report, "manage", null)).isEqualTo(Grant.ALLOWED);
        assertThat(report.checks()).extracting(PermissionCheck::resourceType).contains("source", "model", "destination",
                "sync", "audience", "sample");
        assertThat(grant(report, "sample_run", "sample")).isEqualTo(Grant.ALLOWED);
    }

    @Test
    void nonMembersGetNotFoundBeforeAnyValidation() {
        for (Runnable call : List.<Runnable>of(
                () -> access.putRole(alice, "growth", "admin", null, null),
                () -> access.putRole(alice, "growth", "Bad Name", null, null),
                () -> access.putRole(alice, "growth", "fine", null, List.of(new Statement("x", null, null, false, null))),
                () -> access.deleteRole(alice, "growth", "admin"),
                () -> access.roles(alice, "growth"),
                () -> access.explain(alice, "growth", null, null, null, null))) {
            assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void explainingSomeoneElseNeedsManage() {
        Actor bob = user("bob@example.com", false);
        workspaces.putMember(root, "growth", alice.userId(), "workspace_viewer");
        workspaces.putMember(root, "growth", bob.userId(), "workspace_editor");
        assertThatThrownBy(() -> access.explain(alice, "growth", bob.userId(), null, null, null))
                .isInstanceOf(ForbiddenException.class);
        assertThat(access.explain(root, "growth", bob.userId(), null, "model", null).role()).isEqualTo("workspace_editor");
        assertThatThrownBy(() -> access.explain(root, "growth", "usr_stranger", null, null, null))
                .isInstanceOf(NotFoundException.class);
    }
}
