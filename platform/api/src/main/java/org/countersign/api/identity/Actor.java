package org.countersign.api.identity;

import org.countersign.api.error.ForbiddenException;

/** The authenticated caller of one request: who, with which key, and the request id for the audit log. */
public record Actor(User user, String apiKeyId, String requestId) {

    public String userId() {
        return user.id();
    }

    /** Refuses callers that are not instance admins. */
    public void requireInstanceAdmin() {
        if (!user.instanceAdmin()) {
            throw new ForbiddenException("forbidden", "Only instance admins may do this");
        }
    }
}
