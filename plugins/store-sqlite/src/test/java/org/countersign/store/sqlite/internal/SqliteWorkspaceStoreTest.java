package org.countersign.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.countersign.api.identity.User;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.StoredRole;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.Membership;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces, members and custom roles on a real SQLite file. */
class SqliteWorkspaceStoreTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @TempDir
    Path dir;

    private Path file;
    private SqliteStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("countersign.db");
        store = SqliteStore.open(file);
        store.write(tx -> {
            for (String id : List.of("u1", "u2", "u3")) {
                tx.users().insert(new User(id, id + "@example.com", "Name " + id, false, T0));
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredWorkspace workspace(String id, String slug) {
        return StoredWorkspace.of(id, slug, "WS " + slug, T0, "u1", "{\"requireApprovals\":false}");
    }

    private void insert(StoredWorkspace... workspaces) {
        store.write(tx -> {
            for (StoredWorkspace w : workspaces) {
                tx.workspaces().insert(w);
            }
            return null;
        });
    }

    @Test
    void workspacesRoundTripBySlugAndId() {
        StoredWorkspace w = workspace("ws1", "growth");
        insert(w);
        assertThat(store.<Optional<StoredWorkspace>>read(tx -> tx.workspaces().bySlug("growth"))).contains(w);
        assertThat(store.<Optional<StoredWorkspace>>read(tx -> tx.workspaces().byId("ws1"))).contains(w);
        assertThat(store.<Optional<StoredWorkspace>>read(tx -> tx.workspaces().bySlug("other"))).isEmpty();

        store.write(tx -> {
            tx.workspaces().updateSettings("ws1", "{\"requireApprovals\":true}");
            return null;
        });
        assertThat(store.<Optional<StoredWorkspace>>read(tx -> tx.workspaces().byId("ws1")).orElseThrow().settingsJson())
                .isEqualTo("{\"requireApprovals\":true}");
    }

    @Test
    void aTakenSlugIsADuplicateAndLeavesNothing() {
        insert(workspace("ws1", "growth"));
        assertThatThrownBy(() -> insert(workspace("ws0", "other"), workspace("ws2", "growth")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store.<List<StoredWorkspace>>read(tx -> tx.workspaces().list(null, 10))).extracting(StoredWorkspace::id).containsExactly("ws1");
    }

    @Test
    void listsPageInIdOrderForEveryoneAndPerMember() {
        insert(workspace("ws3", "c"), workspace("ws1", "a"), workspace("ws2", "b"), workspace("ws4", "d"));
        store.write(tx -> {
            tx.members().put("ws4", "u2", "admin", T0);
            tx.members().put("ws2", "u2", "workspace_viewer", T0);
            tx.members().put("ws1", "u3", "admin", T0);
            return null;
        });
        assertThat(store.<List<StoredWorkspace>>read(tx -> tx.workspaces().list(null, 2))).extracting(StoredWorkspace::id).containsExactly("ws1", "ws2");
        assertThat(store.<List<StoredWorkspace>>read(tx -> tx.workspaces().list("ws2", 10))).extracting(StoredWorkspace::id).containsExactly("ws3", "ws4");
        assertThat(store.<List<StoredWorkspace>>read(tx -> tx.workspaces().listForMember("u2", null, 10))).extracting(StoredWorkspace::id)
                .containsExactly("ws2", "ws4");
        assertThat(store.<List<StoredWorkspace>>read(tx -> tx.workspaces().listForMember("u2", "ws2", 10))).extracting(StoredWorkspace::id)
                .containsExactly("ws4");
        assertThat(store.<List<Membership>>read(tx -> tx.members().memberships("u2"))).containsExactly(
                new Membership("ws2", "b", "WS b", "workspace_viewer"), new Membership("ws4", "d", "WS d", "admin"));
    }

    @Test
    void membersAreUpsertedKeepingSinceAndComeWithTheirUser() {
        insert(workspace("ws1", "growth"));
        Instant later = T0.plusSeconds(60);
        store.write(tx -> {
            tx.members().put("ws1", "u2", "workspace_viewer", T0);
            tx.members().put("ws1", "u1", "admin", T0);
            tx.members().put("ws1", "u2", "admin", later);
            return null;
        });
        Member u2 = store.read(tx -> tx.members().get("ws1", "u2")).orElseThrow();
        assertThat(u2).isEqualTo(new Member("u2", "u2@example.com", "Name u2", "admin", T0));
        assertThat(store.<Optional<String>>read(tx -> tx.members().role("ws1", "u2"))).contains("admin");
        assertThat(store.<Optional<String>>read(tx -> tx.members().role("ws1", "u3"))).isEmpty();
        assertThat(store.<List<Member>>read(tx -> tx.members().list("ws1", null, 10))).extracting(Member::userId).containsExactly("u1", "u2");
        assertThat(store.<List<Member>>read(tx -> tx.members().list("ws1", "u1", 10))).extracting(Member::userId).containsExactly("u2");
        assertThat(store.<Long>read(tx -> tx.members().countWithRole("ws1", "admin"))).isEqualTo(2);
        assertThat(store.<List<String>>read(tx -> tx.members().withRole("ws1", "admin"))).containsExactly("u1", "u2");

        assertThat(store.<Boolean>write(tx -> tx.members().delete("ws1", "u2"))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.members().delete("ws1", "u2"))).isFalse();
        assertThat(store.<Long>read(tx -> tx.members().countWithRole("ws1", "admin"))).isEqualTo(1);
    }

    @Test
    void customRolesArePutListedByNameAndDeleted() {
        insert(workspace("ws1", "growth"), workspace("ws2", "other"));
        StoredRole zeta = new StoredRole("ws1", "zeta", "", "[]", T0);
        StoredRole alpha = new StoredRole("ws1", "alpha", "first", "[{\"effect\":\"allow\"}]", T0);
        StoredRole alphaAgain = new StoredRole("ws1", "alpha", "changed", "[]", T0.plusSeconds(1));
        store.write(tx -> {
            tx.roles().put(zeta);
            tx.roles().put(alpha);
            tx.roles().put(new StoredRole("ws2", "alpha", "elsewhere", "[]", T0));
            tx.roles().put(alphaAgain);
            return null;
        });
        assertThat(store.<List<StoredRole>>read(tx -> tx.roles().list("ws1"))).containsExactly(alphaAgain, zeta);
        assertThat(store.<Optional<StoredRole>>read(tx -> tx.roles().get("ws2", "alpha")).orElseThrow().description()).isEqualTo("elsewhere");
        assertThat(store.<Boolean>write(tx -> tx.roles().delete("ws1", "alpha"))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.roles().delete("ws1", "alpha"))).isFalse();
        assertThat(store.<List<StoredRole>>read(tx -> tx.roles().list("ws1"))).containsExactly(zeta);
    }

    @Test
    void everyMigrationIsAppliedOnceAcrossReopens() throws Exception {
        store.close();
        store = SqliteStore.open(file);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement query = db.createStatement();
                ResultSet rs = query.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
            assertThat(versions).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, Migrations.SCRIPTS.size()).boxed().toList());
        }
    }

    @Test
    void memberQueriesUseIndexes() throws Exception {
        for (String query : List.of(
                "SELECT w.id FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = 'u1'"
                        + " AND m.workspace_id > '' ORDER BY m.workspace_id LIMIT 10",
                "SELECT count(*) FROM members WHERE workspace_id = 'ws1' AND role = 'admin'",
                "SELECT user_id FROM members WHERE workspace_id = 'ws1' AND role = 'admin' ORDER BY user_id")) {
            assertThat(plan(query)).as(query).doesNotContain("SCAN m ").doesNotContain("SCAN members")
                    .doesNotContain("USE TEMP B-TREE");
        }
    }

    private String plan(String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + query)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append(" | ");
            }
        }
        return plan.toString();
    }
}
