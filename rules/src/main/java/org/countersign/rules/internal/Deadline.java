package org.countersign.rules.internal;

import java.util.concurrent.CancellationException;

/**
 * Interrupt checks for the DSL's own loops. The checks injected into a script only run in its code and
 * closures; a single library call can run on long after {@link ThreadedRules} interrupted the thread at the
 * deadline, so every DSL call that can take long asks here as it goes.
 */
final class Deadline {

    private Deadline() {
    }

    /** Throws when the evaluating thread was interrupted: its deadline passed and nobody waits for the answer. */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the rules were stopped at their deadline");
        }
    }
}
