package org.countersign.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.ApiKeyRepository;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.Tx;
import org.countersign.api.storage.TxWork;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token authenticates only when its hash equals the stored one exactly: the store's lookup is trusted to
 * find candidates, not to decide. Shown with a store whose lookup matches too loosely.
 */
class ExactTokenHashTest {

    @TempDir
    Path dir;

    private SqliteStore sqlite;
    private IssuedApiKey issued;

    @BeforeEach
    void open() {
        sqlite = SqliteStore.open(dir.resolve("countersign.db"));
        User admin = IdentityRecords.newUser(new NewUser("root@example.com", "Root", true));
        sqlite.write(tx -> {
            tx.users().insert(admin);
            return null;
        });
        IdentityServiceImpl identity = new IdentityServiceImpl(sqlite, new HashChainAuditLog(sqlite));
        issued = identity.createApiKey(new Actor(admin, null, "req"), admin.id(), "laptop");
    }

    @AfterEach
    void close() {
        sqlite.close();
    }

    @Test
    void aKeyTheStoreFindsForAnotherHashDoesNotAuthenticate() {
        Store loose = new LooseLookup(sqlite, issued.key().id());
        IdentityServiceImpl identity = new IdentityServiceImpl(loose, new HashChainAuditLog(sqlite));

        assertThat(identity.authenticate(issued.token(), "r")).isPresent();
        assertThat(identity.authenticate(issued.token().toUpperCase(), "r")).isEmpty();
        assertThat(identity.authenticate("cs_some-other-token", "r")).isEmpty();
    }

    /** A store whose key lookup answers with one key, whatever hash it is asked for. */
    private static final class LooseLookup implements Store {

        private final Store delegate;
        private final String keyId;

        LooseLookup(Store delegate, String keyId) {
            this.delegate = delegate;
            this.keyId = keyId;
        }

        @Override
        public <T> T write(TxWork<T> work) {
            return delegate.write(tx -> work.run(loose(tx)));
        }

        @Override
        public <T> T read(TxWork<T> work) {
            return delegate.read(tx -> work.run(loose(tx)));
        }

        @Override
        public String kind() {
            return delegate.kind();
        }

        private Tx loose(Tx tx) {
            return (Tx) Proxy.newProxyInstance(Tx.class.getClassLoader(), new Class<?>[] {Tx.class}, (proxy, method, args) -> {
                if (method.getName().equals("apiKeys")) {
                    return new AnyHashMatches(tx.apiKeys(), keyId);
                }
                try {
                    return method.invoke(tx, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    private record AnyHashMatches(ApiKeyRepository keys, String keyId) implements ApiKeyRepository {

        @Override
        public Optional<ApiKey> activeByHash(String tokenHash) {
            return keys.byId(keyId).filter(ApiKey::active);
        }

        @Override
        public void insert(ApiKey key) {
            keys.insert(key);
        }

        @Override
        public Optional<ApiKey> byId(String id) {
            return keys.byId(id);
        }

        @Override
        public List<ApiKey> forUser(String userId) {
            return keys.forUser(userId);
        }

        @Override
        public boolean revoke(String id, Instant at) {
            return keys.revoke(id, at);
        }
    }
}
