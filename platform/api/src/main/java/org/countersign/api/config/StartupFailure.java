package org.countersign.api.config;

/**
 * Reports a problem the instance cannot run with (its port is taken, its database belongs to another process):
 * the framework stops and the launcher exits non-zero with the reason, instead of running on without the part
 * that failed.
 */
public interface StartupFailure {

    /** The system property that carries the reason to the launcher once the framework has stopped. */
    String PROPERTY = "countersign.fatal";

    /** Stops the instance because of {@code reason}; returns at once. */
    void halt(String reason);
}
