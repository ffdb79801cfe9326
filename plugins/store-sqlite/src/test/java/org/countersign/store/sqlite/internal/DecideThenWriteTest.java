package org.countersign.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Change;
import org.countersign.api.storage.StaleDecisionException;
import org.countersign.api.storage.StoredRole;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes decided before they are written ({@code Store.change}) on a real SQLite file: decided on a snapshot
 * while another writer holds the turn, decided again when what they rested on moved, and what the workspace's
 * configuration version counts.
 */
class DecideThenWriteTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @TempDir
    Path dir;

    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        store.write(tx -> {
            tx.users().insert(new User("u1", "u1@example.com", "One", false, T0));
            tx.workspaces().insert(StoredWorkspace.of("ws1", "growth", "Growth", T0, "u1", "{}"));
            tx.members().put("ws1", "u1", "admin", T0);
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Decides on the workspace's settings, writes a role named after them, answers the role's description. */
    private final class SettingsEcho implements Change<String, String, String> {

        final AtomicInteger decisions = new AtomicInteger();
        final List<Tx> transactions = new ArrayList<>();
        Runnable whileDeciding = () -> {
        };

        @Override
        public String decide(Tx tx) {
            decisions.incrementAndGet();
            transactions.add(tx);
            String settings = tx.workspaces().byId("ws1").orElseThrow().settingsJson();
            whileDeciding.run();
            return settings;
        }

        @Override
        public String write(Tx tx, String decidedOn) {
            transactions.add(tx);
            if (!tx.workspaces().byId("ws1").orElseThrow().settingsJson().equals(decidedOn)) {
                throw new StaleDecisionException("The settings");
            }
            tx.roles().put(new StoredRole("ws1", "echo", decidedOn, "[]", T0));
            return "echo";
        }

        @Override
        public String answer(Tx tx, String written) {
            transactions.add(tx);
            return tx.roles().get("ws1", written).orElseThrow().description();
        }
    }

    @Test
    void withNoOtherWriterAChangeRunsWholeInOneWriteTransaction() {
        SettingsEcho change = new SettingsEcho();
        assertThat(store.change(change)).isEqualTo("{}");
        assertThat(change.decisions).hasValue(1);
        assertThat(change.transactions).hasSize(3).allMatch(tx -> tx == change.transactions.get(0));
    }

    @Test
    void whileAnotherWriterHoldsTheTurnAChangeIsDecidedOnASnapshotAndDecidedAgainWhenItsBasisMoved()
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch decided = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> store.write(tx -> {
            tx.workspaces().updateSettings("ws1", "{\"requireApprovals\":true}");
            holding.countDown();
            await(decided);
            return null;
        }));
        await(holding);

        SettingsEcho change = new SettingsEcho();
        change.whileDeciding = decided::countDown;
        String answer = CompletableFuture.supplyAsync(() -> store.change(change)).get(30, TimeUnit.SECONDS);
        writer.get(30, TimeUnit.SECONDS);

        // the first decision was taken on the snapshot before the other writer committed, outside its turn
        assertThat(change.decisions.get()).isGreaterThanOrEqualTo(2);
        assertThat(answer).as("written on what was stored when it was written").isEqualTo("{\"requireApprovals\":true}");
        assertThat(store.<String>read(tx -> tx.roles().get("ws1", "echo").orElseThrow().description()))
                .isEqualTo("{\"requireApprovals\":true}");
    }

    @Test
    void aDecisionThatNeverHoldsOnASnapshotIsFinallyTakenUnderTheTurn() {
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> store.write(tx -> {
            holding.countDown();
            await(release);
            return null;
        }));
        await(holding);
        Change<Integer, Integer, Integer> alwaysStaleOnASnapshot = new Change<>() {
            private Tx decidedIn;

            @Override
            public Integer decide(Tx tx) {
                decidedIn = tx;
                release.countDown();
                return writes.get();
            }

            @Override
            public Integer write(Tx tx, Integer decision) {
                if (tx != decidedIn) {
                    throw new StaleDecisionException("Everything");
                }
                return writes.incrementAndGet();
            }

            @Override
            public Integer answer(Tx tx, Integer written) {
                return written;
            }
        };
        assertThat(store.change(alwaysStaleOnASnapshot)).isEqualTo(1);
        writer.join();
    }

    @Test
    void theConfigurationVersionCountsEveryChangeDecisionsRestOn() throws Exception {
        LongSupplier version = () -> store.<Long>read(tx -> tx.workspaces().configVersion("ws1"));
        long start = version.getAsLong();
        List<Runnable> changes = List.of(
                () -> store.write(tx -> {
                    tx.workspaces().updateSettings("ws1", "{\"requireApprovals\":true}");
                    return null;
                }),
                () -> store.write(tx -> {
                    tx.members().put("ws1", "u1", "workspace_editor", T0);
                    return null;
                }),
                () -> store.write(tx -> {
                    tx.roles().put(new StoredRole("ws1", "dba", "DBAs", "[]", T0));
                    return null;
                }),
                () -> store.write(tx -> tx.roles().delete("ws1", "dba")),
                () -> store.write(tx -> {
                    tx.ruleScripts().add(new StoredRuleScript("ws1", 1, "// rules", T0, "u1", StoredRuleScript.API));
                    return null;
                }),
                () -> store.write(tx -> tx.members().delete("ws1", "u1")));
        long before = start;
        for (Runnable change : changes) {
            change.run();
            assertThat(version.getAsLong()).isGreaterThan(before);
            before = version.getAsLong();
        }
        store.write(tx -> {
            tx.members().put("ws1", "u1", "admin", T0);
            return null;
        });
        long withMember = version.getAsLong();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("countersign.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE users SET email = 'one@example.com' WHERE id = 'u1'");
        }
        assertThat(version.getAsLong()).as("a member's email changed").isGreaterThan(withMember);
        assertThat(store.<Long>read(tx -> tx.workspaces().configVersion("nope"))).isEqualTo(-1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
