package org.countersign.core.internal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.core.internal.support.Paging;
import org.countersign.core.internal.support.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = IdentityService.class)
public class IdentityServiceImpl implements IdentityService {

    private final Store store;
    private final AuditLog audit;
    private final IdentityRecords records;

    @Activate
    public IdentityServiceImpl(@Reference Store store, @Reference AuditLog audit) {
        this.store = store;
        this.audit = audit;
        this.records = new IdentityRecords(audit);
    }

    @Override
    public Optional<Actor> authenticate(String bearerToken, String requestId) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(bearerToken);
        byte[] presented = hash.getBytes(StandardCharsets.US_ASCII);
        // the lookup is only an index: the stored hash must equal the presented one exactly, compared in
        // constant time, whatever collation or matching the store applies
        return store.read(tx -> tx.apiKeys().activeByHash(hash)
                .filter(key -> key.tokenHash() != null
                        && MessageDigest.isEqual(presented, key.tokenHash().getBytes(StandardCharsets.US_ASCII)))
                .flatMap(key -> tx.users().byId(key.userId()).map(user -> new Actor(user, key.id(), requestId))));
    }

    @Override
    public User createUser(Actor actor, NewUser request) {
        actor.requireInstanceAdmin();
        IdentityValidation.check(request);
        User user = IdentityRecords.newUser(request);
        return store.write(tx -> {
            records.insertUser(tx, user, actor.userId(), actor.requestId());
            return user;
        });
    }

    @Override
    public User user(Actor actor, String userId) {
        if (!actor.userId().equals(userId)) {
            actor.requireInstanceAdmin();
        }
        return store.read(tx -> tx.users().byId(userId)).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    @Override
    public Page<User> users(Actor actor, String cursor, Integer limit) {
        actor.requireInstanceAdmin();
        int size = Paging.limit(limit);
        String after = Paging.decode("users", cursor);
        return Paging.page("users", store.read(tx -> tx.users().list(after, size + 1)), size, User::id);
    }

    @Override
    public IssuedApiKey createApiKey(Actor actor, String userId, String name) {
        requireSelfOrAdmin(actor, userId);
        IdentityValidation.checkKeyName(name);
        return store.write(tx -> {
            tx.users().byId(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
            return records.storeKey(tx, userId, name.trim(), Tokens.generate(), actor.userId(), actor.requestId());
        });
    }

    @Override
    public List<ApiKey> apiKeys(Actor actor, String userId) {
        requireSelfOrAdmin(actor, userId);
        return store.read(tx -> {
            tx.users().byId(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
            return tx.apiKeys().forUser(userId);
        });
    }

    @Override
    public void revokeApiKey(Actor actor, String userId, String keyId) {
        requireSelfOrAdmin(actor, userId);
        store.write(tx -> {
            ApiKey key = tx.apiKeys().byId(keyId).filter(k -> k.userId().equals(userId))
                    .orElseThrow(() -> new NotFoundException("No API key " + keyId));
            if (tx.apiKeys().revoke(key.id(), Times.now())) {
                audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actor.userId(), "api_key.revoked", key.id(),
                        Map.of("userId", userId, "name", key.name()), actor.requestId()));
            }
            return null;
        });
    }

    private static void requireSelfOrAdmin(Actor actor, String userId) {
        if (!actor.userId().equals(userId)) {
            actor.requireInstanceAdmin();
        }
    }
}
