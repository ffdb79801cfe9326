package org.countersign.core.internal.identity;

import java.util.Locale;
import java.util.Map;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;

/** Writes users and keys together with their audit events, for the service and the first-start bootstrap. */
final class IdentityRecords {

    private final AuditLog audit;

    IdentityRecords(AuditLog audit) {
        this.audit = audit;
    }

    static User newUser(NewUser request) {
        return new User(Ids.next("usr"), request.email().trim().toLowerCase(Locale.ROOT), request.name().trim(),
                request.instanceAdmin(), Times.now());
    }

    void insertUser(Tx tx, User user, String actorId, String requestId) {
        tx.users().insert(user);
        audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actorId, "user.created", user.id(),
                Map.of("email", user.email(), "name", user.name(), "instanceAdmin", user.instanceAdmin()), requestId));
    }

    /** Stores a key for {@code token} and audits it (never the token itself). */
    IssuedApiKey storeKey(Tx tx, String userId, String name, String token, String actorId, String requestId) {
        ApiKey key = new ApiKey(Ids.next("key"), userId, name, Tokens.hash(token), Times.now(), null);
        tx.apiKeys().insert(key);
        audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actorId, "api_key.created", key.id(),
                Map.of("userId", userId, "name", name), requestId));
        return new IssuedApiKey(key, token);
    }
}
