package org.countersign.api.approval;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an approval request is in its life (docs/domain.md#approval-requests). {@link #wire()} is the name the API,
 * the audit log, notices and the store use.
 */
public enum RequestState {
    /** Submitted and waiting for approvals. */
    OPEN("open"),
    /** A reviewer asked for changes: approving waits until the author edits a draft. */
    CHANGES_REQUESTED("changes_requested"),
    /** Every approval is in; someone must still apply it (manual apply, a block, or a promotion). */
    APPROVED("approved"),
    /** Its changes went live. */
    APPLIED("applied"),
    DECLINED("declined"),
    WITHDRAWN("withdrawn"),
    /** Withdrawn with its drafts thrown away. */
    DISCARDED("discarded");

    private static final Map<String, RequestState> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(v -> v.wire, v -> v));

    private final String wire;

    RequestState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether nothing can follow this state. */
    public boolean terminal() {
        return this == APPLIED || this == DECLINED || this == WITHDRAWN || this == DISCARDED;
    }

    /** The state of that wire name, if there is one. */
    public static Optional<RequestState> find(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }

    /** The state of a wire name the core wrote itself; anything else is a programming or storage fault. */
    public static RequestState of(String wire) {
        return find(wire).orElseThrow(() -> new IllegalArgumentException("No request state " + wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
