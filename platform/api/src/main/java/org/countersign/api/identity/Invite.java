package org.countersign.api.identity;

import java.time.Instant;

/** A one-time invite: its token (shown once, put into a console link) and when it expires. */
public record Invite(String userId, String token, Instant expiresAt) {
}
