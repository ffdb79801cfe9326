package org.countersign.api.identity;

import java.time.Instant;

/** A person or system account. {@code email} is unique, compared case-insensitively and stored lower-case. */
public record User(String id, String email, String name, boolean instanceAdmin, Instant createdAt) {
}
