package org.countersign.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.User;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    @TempDir
    Path dir;

    private Path file;
    private SqliteStore store;
    private final RecordingTelemetry telemetry = new RecordingTelemetry();

    @BeforeEach
    void open() {
        file = dir.resolve("data/countersign.db");
        store = SqliteStore.open(file, SqliteSynchronous.FULL);
        store.reportTo(telemetry);
    }

    /** What the store reports: how many writers waited for a turn, and how many writes each commit held. */
    static final class RecordingTelemetry implements Telemetry {

        final List<Integer> batches = new CopyOnWriteArrayList<>();
        private final AtomicInteger lockWaits = new AtomicInteger();

        @Override
        public void writeLockWaited(Duration waited) {
            lockWaits.incrementAndGet();
        }

        @Override
        public void commitBatch(int writes) {
            batches.add(writes);
        }

        int lockWaits() {
            return lockWaits.get();
        }

        int committedWrites() {
            return batches.stream().mapToInt(Integer::intValue).sum();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static User user(String id, String email) {
        return new User(id, email, "User " + id, false, Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private static AuditEvent event(String scope, long seq) {
        return new AuditEvent(scope, seq, Instant.now(), "u1", "user.created", "u" + seq, "{}", "req", "p" + seq, "h" + seq);
    }

    @Test
    void opensInWalModeWithFullSynchronousAndTheSchemaApplied() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            ResultSet mode = s.executeQuery("PRAGMA journal_mode");
            assertThat(mode.getString(1)).isEqualTo("wal");
            ResultSet versions = s.executeQuery("SELECT count(*) FROM schema_version");
            assertThat(versions.getInt(1)).isEqualTo(Migrations.SCRIPTS.size());
        }
    }

    @Test
    void dataSurvivesReopeningAndMigrationsRunOnce() {
        store.write(tx -> {
            tx.users().insert(user("u1", "Ada@Example.com"));
            return null;
        });
        store.close();
        store = SqliteStore.open(file, SqliteSynchronous.FULL);
        assertThat(store.<java.util.Optional<User>>read(tx -> tx.users().byEmail("ada@example.COM"))).get()
                .extracting(User::id, User::email).containsExactly("u1", "ada@example.com");
    }

    @Test
    void aFailingTransactionLeavesNothingBehind() {
        assertThatThrownBy(() -> store.write(tx -> {
            tx.users().insert(user("u1", "a@example.com"));
            tx.audit().append(event("instance", 1));
            tx.outbox().add(new OutboxEntry("o1", "instance", "user.created", "{}", Instant.now(), null));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        store.read(tx -> {
            assertThat(tx.users().count()).isZero();
            assertThat(tx.audit().head("instance")).isEmpty();
            assertThat(tx.outbox().pending(10)).isEmpty();
            return null;
        });
    }

    @Test
    void stateAuditAndOutboxCommitTogether() {
        store.write(tx -> {
            tx.users().insert(user("u1", "a@example.com"));
            tx.audit().append(event("instance", 1));
            tx.outbox().add(new OutboxEntry("o1", "instance", "user.created", "{\"id\":\"u1\"}", Instant.now(), null));
            return null;
        });
        store.read(tx -> {
            assertThat(tx.users().byId("u1")).isPresent();
            assertThat(tx.audit().head("instance")).get().extracting(AuditEvent::seq).isEqualTo(1L);
            assertThat(tx.outbox().pending(10)).extracting(OutboxEntry::payload).containsExactly("{\"id\":\"u1\"}");
            assertThat(tx.outbox().pendingCount()).isOne();
            return null;
        });
        assertThat(store.<Boolean>write(tx -> tx.outbox().markDispatched("o1", Instant.now()))).isTrue();
        assertThat(store.<Boolean>write(tx -> tx.outbox().markDispatched("o1", Instant.now()))).isFalse();
        assertThat(store.<List<OutboxEntry>>read(tx -> tx.outbox().pending(10))).isEmpty();
        assertThat(store.<Long>read(tx -> tx.outbox().pendingCount())).isZero();
    }

    @Test
    void emailsAreUniqueIgnoringCase() {
        store.write(tx -> {
            tx.users().insert(user("u1", "a@example.com"));
            return null;
        });
        assertThatThrownBy(() -> store.write(tx -> {
            tx.users().insert(user("u2", "A@EXAMPLE.com"));
            return null;
        })).isInstanceOf(DuplicateKeyException.class).hasMessageContaining("A@EXAMPLE.com");
    }

    @Test
    void readTransactionsCannotWrite() {
        assertThatThrownBy(() -> store.read(tx -> {
            tx.users().insert(user("u1", "a@example.com"));
            return null;
        })).isInstanceOf(StorageException.class);
        assertThat(store.<Long>read(tx -> tx.users().count())).isZero();
    }

    @Test
    void nestedWritesAreRefused() {
        assertThatThrownBy(() -> store.write(tx -> store.write(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nested");
    }

    @Test
    void auditEventsCannotBeUpdatedOrDeletedThroughTheDatabase() {
        store.write(tx -> {
            tx.audit().append(event("ws1", 1));
            tx.audit().append(event("ws1", 2));
            tx.audit().append(event("ws2", 1));
            return null;
        });
        assertThat(store.<List<AuditEvent>>read(tx -> tx.audit().list("ws1", 0, 10))).extracting(AuditEvent::seq).containsExactly(1L, 2L);
        assertThat(store.<java.util.Optional<AuditEvent>>read(tx -> tx.audit().head("ws1"))).get().extracting(AuditEvent::seq).isEqualTo(2L);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_events SET actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_events WHERE seq = 1"))
                    .hasMessageContaining("append-only");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void revokedKeysAreNoLongerActive() {
        store.write(tx -> {
            tx.users().insert(user("u1", "a@example.com"));
            tx.apiKeys().insert(new ApiKey("k1", "u1", "ci", "hash1", Instant.now(), null));
            return null;
        });
        assertThat(store.<java.util.Optional<ApiKey>>read(tx -> tx.apiKeys().activeByHash("hash1"))).isPresent();
        assertThat(store.<Boolean>write(tx -> tx.apiKeys().revoke("k1", Instant.now()))).isTrue();
        assertThat(store.<java.util.Optional<ApiKey>>read(tx -> tx.apiKeys().activeByHash("hash1"))).isEmpty();
        assertThat(store.<java.util.Optional<ApiKey>>read(tx -> tx.apiKeys().byId("k1"))).get().extracting(ApiKey::active).isEqualTo(false);
    }

    @Test
    void concurrentWritersAndReadersNeverSeeBusy() throws Exception {
        int threads = 16;
        int writesPerThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 4);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                await(start);
                for (int i = 0; i < writesPerThread; i++) {
                    String id = "u-" + thread + "-" + i;
                    try {
                        store.write(tx -> {
                            tx.users().insert(user(id, id + "@example.com"));
                            long next = tx.audit().head("instance").map(AuditEvent::seq).orElse(0L) + 1;
                            tx.audit().append(event("instance", next));
                            return null;
                        });
                        // a write returns only once it is committed: another connection sees it at once
                        if (store.read(tx -> tx.users().byId(id)).isEmpty()) {
                            failures.add(new AssertionError(id + " returned before it was committed"));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (int r = 0; r < 4; r++) {
            futures.add(pool.submit(() -> {
                await(start);
                for (int i = 0; i < 200; i++) {
                    try {
                        store.read(tx -> tx.users().count());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(failures).isEmpty();
        assertThat(store.<Long>read(tx -> tx.users().count())).isEqualTo((long) threads * writesPerThread);
        assertThat(telemetry.committedWrites()).isEqualTo(threads * writesPerThread);
        assertThat(telemetry.lockWaits()).isEqualTo(threads * writesPerThread);
        // every writer saw the previous head: the chain has no gaps and no duplicates
        assertThat(store.<List<AuditEvent>>read(tx -> tx.audit().list("instance", 0, 10_000))).extracting(AuditEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, threads * writesPerThread).boxed().toList());
    }

    @Test
    void writersQueuedBehindARunningOneShareItsCommitAndAFailingOneLosesOnlyItsOwnChanges() throws Exception {
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch othersAreQueued = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        telemetry.batches.clear();
        Future<?> first = pool.submit(() -> store.write(tx -> {
            tx.users().insert(user("u-first", "first@example.com"));
            firstIsWriting.countDown();
            await(othersAreQueued);
            return null;
        }));
        await(firstIsWriting);
        Future<?> second = pool.submit(() -> store.write(tx -> {
            tx.users().insert(user("u-second", "second@example.com"));
            return null;
        }));
        Future<?> failing = pool.submit(() -> store.write(tx -> {
            tx.users().insert(user("u-failing", "failing@example.com"));
            throw new IllegalStateException("refused");
        }));
        Future<?> third = pool.submit(() -> store.write(tx -> {
            tx.users().insert(user("u-third", "third@example.com"));
            return null;
        }));
        while (store.writes().waiting() < 3) {
            Thread.onSpinWait();
        }
        othersAreQueued.countDown();
        first.get(1, TimeUnit.MINUTES);
        second.get(1, TimeUnit.MINUTES);
        third.get(1, TimeUnit.MINUTES);
        assertThatThrownBy(() -> failing.get(1, TimeUnit.MINUTES)).hasRootCauseMessage("refused");
        pool.shutdown();

        assertThat(telemetry.batches).as("one commit for the three that succeeded").containsExactly(3);
        store.read(tx -> {
            assertThat(tx.users().byId("u-first")).isPresent();
            assertThat(tx.users().byId("u-second")).isPresent();
            assertThat(tx.users().byId("u-third")).isPresent();
            assertThat(tx.users().byId("u-failing")).isEmpty();
            return null;
        });
    }

    @Test
    void aWriterWhoseSuccessorsAllFailStillCommits() throws Exception {
        CountDownLatch firstIsWriting = new CountDownLatch(1);
        CountDownLatch othersAreQueued = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Future<?> first = pool.submit(() -> store.write(tx -> {
            tx.users().insert(user("u-kept", "kept@example.com"));
            firstIsWriting.countDown();
            await(othersAreQueued);
            return null;
        }));
        await(firstIsWriting);
        List<Future<?>> failing = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String id = "u-bad-" + i;
            failing.add(pool.submit(() -> store.write(tx -> {
                tx.users().insert(user(id, id + "@example.com"));
                throw new IllegalStateException("refused");
            })));
        }
        while (store.writes().waiting() < 2) {
            Thread.onSpinWait();
        }
        othersAreQueued.countDown();
        first.get(1, TimeUnit.MINUTES);
        for (Future<?> f : failing) {
            assertThatThrownBy(() -> f.get(1, TimeUnit.MINUTES)).hasRootCauseMessage("refused");
        }
        pool.shutdown();
        assertThat(store.<Long>read(tx -> tx.users().count())).isOne();
    }

    @Test
    void listsUsersInIdOrderFromACursor() {
        store.write(tx -> {
            for (String id : List.of("c", "a", "b", "d")) {
                tx.users().insert(user(id, id + "@example.com"));
            }
            return null;
        });
        assertThat(store.<List<User>>read(tx -> tx.users().list(null, 2))).extracting(User::id).containsExactly("a", "b");
        assertThat(store.<List<User>>read(tx -> tx.users().list("b", 5))).extracting(User::id).containsExactly("c", "d");
    }

    @Test
    void refusesUnknownSynchronousModes() {
        assertThat(SqliteSynchronous.parse("normal")).isEqualTo(SqliteSynchronous.NORMAL);
        assertThatThrownBy(() -> SqliteSynchronous.parse("sometimes"))
                .hasMessageContaining("sqlite.synchronous must be OFF, NORMAL or FULL");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
