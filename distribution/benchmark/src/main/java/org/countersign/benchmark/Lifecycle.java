package org.countersign.benchmark;

/**
 * One system under test running the approval lifecycle: an author creates a model draft and submits it, two
 * different approvers approve it, and the second approval publishes it. Each step is one durable transaction
 * whose answer is checked; a step that does not answer as expected throws.
 */
interface Lifecycle extends AutoCloseable {

    /** The name in the report. */
    String name();

    /** Runs one whole lifecycle; {@code client} and {@code n} make the names unique. */
    void run(int client, long n) throws Exception;

    /** CPU time the system has used so far, in nanoseconds (the server process, or this process in-process). */
    long cpuNanos();
}
