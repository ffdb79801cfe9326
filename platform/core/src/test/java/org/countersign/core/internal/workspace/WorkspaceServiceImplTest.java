package org.countersign.core.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Page;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.Membership;
import org.countersign.api.workspace.Workspace;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace service on the real SQLite store. */
class WorkspaceServiceImplTest {

    @TempDir
    Path dir;

    private SqliteStore store;
    private HashChainAuditLog audit;
    private WorkspaceServiceImpl workspaces;
    private Actor root;
    private Actor alice;
    private Actor bob;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        audit = new HashChainAuditLog(store);
        workspaces = new WorkspaceServiceImpl(store, audit, new AccessControl(), TestTypes.governance(audit, new AccessControl()), TestTypes.SECRETS);
        root = user("root@example.com", true);
        alice = user("alice@example.com", false);
        bob = user("bob@example.com", false);
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

    private List<AuditEvent> events(Workspace ws) {
        return audit.list(ws.id(), 0, 100);
    }

    @Test
    void theCreatorBecomesAdminAndTheChainStartsWithTheCreation() {
        Workspace ws = workspaces.create(root, "growth", "Growth team");

        assertThat(ws.slug()).isEqualTo("growth");
        assertThat(workspaces.memberships(root)).containsExactly(new Membership(ws.id(), "growth", "Growth team", "admin"));
        assertThat(workspaces.settings(root, "growth")).isEqualTo(WorkspaceSettings.DEFAULTS);
        AuditEvent created = events(ws).get(0);
        assertThat(created.action()).isEqualTo("workspace.created");
        assertThat(created.requestId()).isEqualTo("req-root@example.com");
        assertThat(audit.verify(ws.id()).ok()).isTrue();
    }

    @Test
    void onlyInstanceAdminsCreateAndSlugsAreCheckedAndUnique() {
        assertThatThrownBy(() -> workspaces.create(alice, "mine", "Mine")).isInstanceOf(ForbiddenException.class);
        BadRequestException bad = catchThrowableOfType(BadRequestException.class, () -> workspaces.create(root, "Bad Slug", " "));
        assertThat(bad.errors()).extracting(e -> e.path()).containsExactlyInAnyOrder("/slug", "/name");
        workspaces.create(root, "growth", "Growth");
        assertThat(catchThrowableOfType(ConflictException.class, () -> workspaces.create(root, "growth", "Again")).code())
                .isEqualTo("conflict");
        assertThat(workspaces.list(root, null, null).items()).hasSize(1);
    }

    @Test
    void membersSeeTheirWorkspacesAndNonMembersSeeNothing() {
        workspaces.create(root, "alpha", "Alpha");
        workspaces.create(root, "beta", "Beta");
        workspaces.putMember(root, "alpha", alice.userId(), "workspace_viewer");

        assertThat(workspaces.list(alice, null, null).items()).extracting(Workspace::slug).containsExactly("alpha");
        assertThat(workspaces.list(bob, null, null).items()).isEmpty();
        assertThat(workspaces.list(root, null, null).items()).extracting(Workspace::slug).containsExactly("alpha", "beta");
        for (Runnable call : List.<Runnable>of(
                () -> workspaces.get(alice, "beta"),
                () -> workspaces.settings(alice, "beta"),
                () -> workspaces.members(alice, "beta", null, null),
                () -> workspaces.putMember(alice, "beta", alice.userId(), "admin"),
                () -> workspaces.get(alice, "does-not-exist"))) {
            assertThatThrownBy(call::run).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void workspaceListsPage() {
        for (int i = 0; i < 5; i++) {
            workspaces.create(root, "ws-" + i, "WS " + i);
        }
        Page<Workspace> first = workspaces.list(root, null, 2);
        Page<Workspace> second = workspaces.list(root, first.next(), 2);
        Page<Workspace> third = workspaces.list(root, second.next(), 2);
        assertThat(first.items()).extracting(Workspace::slug).containsExactly("ws-0", "ws-1");
        assertThat(second.items()).extracting(Workspace::slug).containsExactly("ws-2", "ws-3");
        assertThat(third.items()).extracting(Workspace::slug).containsExactly("ws-4");
        assertThat(third.next()).isNull();
    }

    @Test
    void settingsChangesAreStoredAndAuditedWithoutSecrets() {
        Workspace ws = workspaces.create(root, "growth", "Growth");
        WorkspaceSettings after = workspaces.updateSettings(root, "growth", Map.of("requireApprovals", true,
                "notifications", List.of(Map.of("type", "webhook", "url", "https://receiver.example/x",
                        "secret", "a-very-secret-value")))).settings();

        assertThat(after.requireApprovals()).isTrue();
        assertThat(after.notifications().get(0).url()).isNull();
        assertThat(workspaces.settings(root, "growth").requireApprovals()).isTrue();
        AuditEvent updated = events(ws).get(1);
        assertThat(updated.action()).isEqualTo("settings.updated");
        assertThat(updated.details()).contains("\"requireApprovals\":true").doesNotContain("a-very-secret-value")
                .doesNotContain("receiver.example");
    }

    @Test
    void aPatchThatChangesNothingWritesNoAuditEvent() {
        Workspace ws = workspaces.create(root, "quiet", "Quiet");
        workspaces.updateSettings(root, "quiet", Map.of("requireApprovals", true));
        int events = events(ws).size();

        workspaces.updateSettings(root, "quiet", Map.of("requireApprovals", true, "timezone", "UTC"));

        assertThat(events(ws)).hasSize(events);
    }

    @Test
    void aRefusedPatchChangesNothing() {
        Workspace ws = workspaces.create(root, "growth", "Growth");
        assertThatThrownBy(() -> workspaces.updateSettings(root, "growth", Map.of("requireApprovals", true, "colour", 1)))
                .isInstanceOf(BadRequestException.class);
        assertThat(workspaces.settings(root, "growth")).isEqualTo(WorkspaceSettings.DEFAULTS);
        assertThat(events(ws)).hasSize(1);
    }

    @Test
    void onlyManagersChangeSettingsAndMembers() {
        workspaces.create(root, "growth", "Growth");
        workspaces.putMember(root, "growth", alice.userId(), "workspace_editor");
        assertThatThrownBy(() -> workspaces.updateSettings(alice, "growth", Map.of("requireApprovals", true)))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> workspaces.putMember(alice, "growth", bob.userId(), "admin"))
                .isInstanceOf(ForbiddenException.class);
        workspaces.putMember(root, "growth", alice.userId(), "destination_admin");
        workspaces.putMember(alice, "growth", bob.userId(), "workspace_viewer");
        assertThat(workspaces.members(alice, "growth", null, null).items()).extracting(Member::role)
                .contains("workspace_viewer");
    }

    @Test
    void membersHaveOneRoleAndAliasesResolve() {
        Workspace ws = workspaces.create(root, "growth", "Growth");
        Member first = workspaces.putMember(root, "growth", alice.userId(), "workspace_viewer");
        Member second = workspaces.putMember(root, "growth", alice.userId(), "workspace_draft_contributor");

        assertThat(second.role()).isEqualTo("workspace_draft_editor");
        assertThat(second.since()).isEqualTo(first.since());
        assertThat(second.email()).isEqualTo("alice@example.com");
        assertThat(workspaces.members(root, "growth", null, null).items()).hasSize(2);
        assertThat(events(ws)).extracting(AuditEvent::action).containsExactly("workspace.created", "member.updated",
                "member.updated");
        assertThat(catchThrowableOfType(BadRequestException.class,
                () -> workspaces.putMember(root, "growth", alice.userId(), "overlord")).errors())
                .extracting(e -> e.path()).containsExactly("/role");
        assertThatThrownBy(() -> workspaces.putMember(root, "growth", "usr_nobody", "admin"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWorkspaceKeepsAtLeastOneAdmin() {
        workspaces.create(root, "growth", "Growth");
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> workspaces.putMember(root, "growth", root.userId(), "workspace_viewer")).code()).isEqualTo("conflict");
        assertThatThrownBy(() -> workspaces.removeMember(root, "growth", root.userId())).isInstanceOf(ConflictException.class);

        workspaces.putMember(root, "growth", alice.userId(), "admin");
        workspaces.removeMember(alice, "growth", root.userId());
        assertThat(workspaces.members(alice, "growth", null, null).items()).extracting(Member::userId)
                .containsExactly(alice.userId());
        assertThatThrownBy(() -> workspaces.removeMember(alice, "growth", bob.userId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anInstanceAdminOutsideAWorkspaceMayManageItButNotSeeItsResources() {
        workspaces.create(root, "growth", "Growth");
        workspaces.putMember(root, "growth", alice.userId(), "admin");
        workspaces.removeMember(alice, "growth", root.userId());

        assertThat(workspaces.get(root, "growth").slug()).isEqualTo("growth");
        workspaces.putMember(root, "growth", root.userId(), "admin");
        assertThat(workspaces.memberships(root)).extracting(Membership::role).containsExactly("admin");
    }
}
