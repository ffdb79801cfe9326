package org.countersign.api.workspace;

import java.time.Instant;

/** A user's membership of one workspace, with exactly one role. */
public record Member(String userId, String email, String name, String role, Instant since) {
}
