package org.countersign.benchmark;

import java.lang.management.ManagementFactory;

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

    /** Fails the lifecycle when an answer is not the one expected. */
    static void expect(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("unexpected answer: " + what);
        }
    }

    /** This process's CPU time: what a system running in-process, with its load threads, has used. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
