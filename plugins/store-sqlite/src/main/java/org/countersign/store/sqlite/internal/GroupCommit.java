package org.countersign.store.sqlite.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.storage.StorageException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Write transactions that arrive together share one durable commit. Writers still take turns on the single
 * writer connection, each running its work on its own thread inside a savepoint of one open SQLite transaction.
 * A writer that finishes while others wait for their turn leaves the transaction open for them; the last one in
 * the queue (or the one that fills the batch) commits, and every member returns only after that commit. So
 * {@code synchronous=FULL} costs one fsync per batch, a failing writer rolls back only its own savepoint, and
 * nobody hears "done" for work that is not durable yet.
 */
final class GroupCommit {

    /** How many writers at most share one commit, so one commit never waits on a long queue. */
    static final int MAX_BATCH = 64;
    private static final long LOCK_TIMEOUT_SECONDS = 60;
    /** How long a member waits for its successors to commit before checking whether anyone is left to. */
    private static final long HANDOFF_CHECK_MS = 5;

    private final Jdbi writer;
    private final ReentrantLock turn = new ReentrantLock(true);
    /** The open transaction and its members; only touched while holding {@link #turn}. */
    private Batch open;
    private volatile Telemetry telemetry = Telemetry.NONE;

    GroupCommit(Jdbi writer) {
        this.writer = writer;
    }

    /** Where the waits for a turn and the sizes of shared commits are reported. */
    void reportTo(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    <T> T write(Function<Handle, T> work) {
        if (turn.isHeldByCurrentThread()) {
            throw new IllegalStateException("Nested write transaction: do all the work in one transaction");
        }
        long asked = System.nanoTime();
        lock();
        telemetry.writeLockWaited(Duration.ofNanos(System.nanoTime() - asked));
        Batch batch;
        T result;
        try {
            batch = join();
            String savepoint = "w" + batch.savepoints++;
            batch.handle.savepoint(savepoint);
            try {
                result = work.apply(batch.handle);
                batch.handle.releaseSavepoint(savepoint);
                batch.members++;
            } catch (RuntimeException | Error e) {
                // only this writer's changes go; the others in the batch still commit
                undo(batch, savepoint, e);
                finishIfLast(batch);
                throw e;
            }
            finishIfLast(batch);
        } finally {
            turn.unlock();
        }
        batch.awaitCommit(this);
        return result;
    }

    /** Runs {@code work} alone in its own transaction (schema migrations at start). */
    void alone(Consumer<Handle> work) {
        lock();
        try {
            if (open != null) {
                commit(open);
            }
            writer.useHandle(work::accept);
        } finally {
            turn.unlock();
        }
    }

    /** Waits for every batch to end, then keeps the turn until {@link #unlockAfterClose()}. */
    void lockForClose() {
        turn.lock();
        if (open != null) {
            commit(open);
        }
    }

    void unlockAfterClose() {
        turn.unlock();
    }

    private void lock() {
        try {
            if (!turn.tryLock(LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new StorageException("The database stayed busy for " + LOCK_TIMEOUT_SECONDS + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while waiting to write", e);
        }
    }

    private Batch join() {
        if (open == null) {
            Handle handle = writer.open();
            try {
                handle.begin();
            } catch (RuntimeException e) {
                handle.close();
                throw e;
            }
            open = new Batch(handle);
        }
        return open;
    }

    /** Rolls this writer's savepoint back; if even that fails the whole batch is lost, and says so to all. */
    private void undo(Batch batch, String savepoint, Throwable cause) {
        try {
            // JDBI forgets a savepoint rolled back to; the commit releases it in the database
            batch.handle.rollbackToSavepoint(savepoint);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            abandon(batch, new StorageException("Database failure: could not roll back a failed write", e));
        }
    }

    /** Commits unless another writer is waiting to join (and the batch has room). Holding the turn. */
    private void finishIfLast(Batch batch) {
        if (open == batch && (!turn.hasQueuedThreads() || batch.members >= MAX_BATCH)) {
            commit(batch);
        }
    }

    /** Commits the open batch now if it is still waiting for that (a member whose successors all left). */
    void commitIfStillOpen(Batch batch) {
        if (turn.tryLock()) {
            try {
                if (open == batch) {
                    commit(batch);
                }
            } finally {
                turn.unlock();
            }
        }
    }

    /** How many writers are waiting for their turn now. */
    int waiting() {
        return turn.getQueueLength();
    }

    private void commit(Batch batch) {
        open = null;
        try {
            batch.handle.commit();
            telemetry.commitBatch(batch.members);
            batch.done(null);
        } catch (RuntimeException e) {
            safeRollback(batch);
            batch.done(new StorageException("Database failure: " + e.getMessage(), e));
        } finally {
            batch.handle.close();
        }
    }

    private void abandon(Batch batch, StorageException failure) {
        open = null;
        safeRollback(batch);
        batch.handle.close();
        batch.done(failure);
    }

    private static void safeRollback(Batch batch) {
        try {
            batch.handle.rollback();
        } catch (RuntimeException ignored) {
            // the connection reports the first failure; rolling back is only tidying up
        }
    }

    /** One open transaction, the writers that joined it, and how it ended. */
    static final class Batch {

        private final Handle handle;
        private final CountDownLatch ended = new CountDownLatch(1);
        private int members;
        private int savepoints;
        private volatile StorageException failure;

        private Batch(Handle handle) {
            this.handle = handle;
        }

        private void done(StorageException failure) {
            this.failure = failure;
            ended.countDown();
        }

        /** Waits (through interrupts: the write may already be in) for the commit, taking it on if nobody will. */
        private void awaitCommit(GroupCommit owner) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        if (ended.await(HANDOFF_CHECK_MS, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                        owner.commitIfStillOpen(this);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
