package org.countersign.api.approval;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an approval request does when it is applied; {@link #wire()} is its name in the API and the store. */
public enum RequestKind {
    /** Publishes the drafts of its resources to the first environment. */
    PUBLISH("publish"),
    /** Copies published revisions from one environment to the next. */
    PROMOTE("promote"),
    /** Takes its resources out of one environment or all of them. */
    DELETE("delete");

    private static final Map<String, RequestKind> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(v -> v.wire, v -> v));

    private final String wire;

    RequestKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind of that wire name, if there is one. */
    public static Optional<RequestKind> find(String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(BY_WIRE.get(wire));
    }

    /** The kind of a wire name the core wrote itself; anything else is a programming or storage fault. */
    public static RequestKind of(String wire) {
        return find(wire).orElseThrow(() -> new IllegalArgumentException("No request kind " + wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
