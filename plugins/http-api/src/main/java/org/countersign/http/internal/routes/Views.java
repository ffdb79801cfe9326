package org.countersign.http.internal.routes;

import java.time.Instant;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.User;

/** Response shapes (docs/domain.md#http-api); they never carry token hashes. */
final class Views {

    private Views() {
    }

    record UserView(String id, String email, String name, boolean instanceAdmin, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.email(), u.name(), u.instanceAdmin(), u.createdAt());
        }
    }

    record ApiKeyView(String id, String userId, String name, Instant createdAt, Instant revokedAt, boolean active) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id(), k.userId(), k.name(), k.createdAt(), k.revokedAt(), k.active());
        }
    }

    /** The only response that shows a token: the one creating it. */
    record IssuedKeyView(String id, String userId, String name, String token, Instant createdAt) {
        static IssuedKeyView of(IssuedApiKey issued) {
            ApiKey k = issued.key();
            return new IssuedKeyView(k.id(), k.userId(), k.name(), issued.token(), k.createdAt());
        }
    }

    record ApiKeyRequest(String name) {
    }

    record UserRequest(String email, String name, Boolean instanceAdmin) {
    }

    /** The optional comment of an action such as publish or approve. */
    record CommentBody(String comment) {
    }
}
