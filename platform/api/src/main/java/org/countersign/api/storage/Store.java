package org.countersign.api.storage;

/**
 * The storage service. All reads and writes happen inside a transaction; a write transaction commits
 * every change made through its {@link Tx} (state, audit event, outbox entry) atomically or none of them.
 * Implementations serialise writers so that callers never see a busy or deadlocked database.
 */
public interface Store {

    /** Runs {@code work} in a write transaction and commits; any exception rolls everything back. */
    <T> T write(TxWork<T> work);

    /** Runs {@code work} in a read-only transaction over a consistent snapshot. */
    <T> T read(TxWork<T> work);

    /**
     * Runs a change that decides before it writes. The decision is taken on a snapshot, outside the writers'
     * turn, so that only storage work waits for it; the write re-checks what the decision rested on and throws
     * {@link StaleDecisionException} when that moved, and the change is decided again (after a few tries, decided
     * and written in one write transaction). The answer is built once the write has committed. A store may run all
     * three in one write transaction when no other writer is waiting, where deciding first gains nothing.
     */
    default <D, W, T> T change(Change<D, W, T> change) {
        for (int attempt = 1; attempt < Change.OPTIMISTIC_ATTEMPTS; attempt++) {
            D decision = read(change::decide);
            W written;
            try {
                written = write(tx -> change.write(tx, decision));
            } catch (StaleDecisionException e) {
                continue;
            }
            return read(tx -> change.answer(tx, written));
        }
        return write(tx -> change.answer(tx, change.write(tx, change.decide(tx))));
    }

    /** The backend's name, e.g. {@code sqlite}. */
    String kind();
}
