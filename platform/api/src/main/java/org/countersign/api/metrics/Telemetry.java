package org.countersign.api.metrics;

import java.time.Duration;

/**
 * Observations the engine, the rule engine and the stores report while they work. The bundle that serves
 * {@code /metrics} provides it; reporters bind it optionally and use {@link #NONE} while it is absent, so
 * metrics never decide whether a change goes through. Every method is cheap, thread-safe and never throws.
 */
public interface Telemetry {

    /** Reports nothing: what a reporter uses while no metrics bundle is installed. */
    Telemetry NONE = new Telemetry() {
    };

    /** A request of {@code kind} got its last approval, {@code sinceSubmitted} after it was submitted. */
    default void requestApproved(String kind, Duration sinceSubmitted) {
    }

    /** A request of {@code kind} went live, {@code sinceSubmitted} after it was submitted. */
    default void requestApplied(String kind, Duration sinceSubmitted) {
    }

    /** One evaluation of a rules script for one item, and how it ended. */
    default void ruleEvaluated(RuleOutcome outcome, Duration took) {
    }

    /** How long a write transaction waited for its turn on the store's writer. */
    default void writeLockWaited(Duration waited) {
    }

    /** One durable commit, shared by {@code writes} write transactions. */
    default void commitBatch(int writes) {
    }

    /** How an evaluation of rules ended: with a decision, failing closed on an error, or failing closed on time. */
    enum RuleOutcome {
        DECIDED, ERROR, TIMEOUT
    }
}
