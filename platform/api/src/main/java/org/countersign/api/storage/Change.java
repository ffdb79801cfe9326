package org.countersign.api.storage;

/**
 * A change in three steps (see {@link Store#change}): decide on what is stored, write what was decided, answer
 * from what was written. {@code decide} and {@code answer} may each run in their own read snapshot; only
 * {@code write} holds the writers' turn.
 *
 * @param <D> the decision, with what it rests on
 * @param <W> what the write produced
 * @param <T> the answer
 */
public interface Change<D, W, T> {

    /** How often a change is decided on a snapshot before it is decided under the writers' turn instead. */
    int OPTIMISTIC_ATTEMPTS = 3;

    /** Reads what the change depends on and decides; refuses by throwing. Writes nothing. */
    D decide(Tx tx);

    /**
     * Writes what was decided. First checks that what the decision rested on still holds, throwing
     * {@link StaleDecisionException} if not; a decision taken in this same transaction needs no check.
     */
    W write(Tx tx, D decision);

    /** Builds the answer from what was written. Writes nothing. */
    T answer(Tx tx, W written);
}
