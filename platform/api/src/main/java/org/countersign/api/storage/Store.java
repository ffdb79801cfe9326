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

    /** The backend's name, e.g. {@code sqlite}. */
    String kind();
}
