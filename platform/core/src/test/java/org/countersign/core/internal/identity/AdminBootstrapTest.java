package org.countersign.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminBootstrapTest {

    private static final String CONFIGURED = "configured-admin-token-0123456789abcdef";

    @TempDir
    Path dir;

    private Path tokenFile;
    private SqliteStore store;
    private HashChainAuditLog audit;
    private IdentityServiceImpl identity;

    @BeforeEach
    void open() {
        tokenFile = dir.resolve("data/initial-admin-token");
        store = SqliteStore.open(dir.resolve("countersign.db"));
        audit = new HashChainAuditLog(store);
        identity = new IdentityServiceImpl(store, audit);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void bootstrap(String configuredToken) {
        AdminBootstrap.bootstrap(store, new IdentityRecords(audit), configuredToken, tokenFile);
    }

    private List<User> users() {
        return store.read(tx -> tx.users().list(null, 100));
    }

    @Test
    void firstStartCreatesTheAdminAndAnOwnerOnlyTokenFile() throws Exception {
        bootstrap(null);

        assertThat(users()).singleElement().satisfies(u -> {
            assertThat(u.email()).isEqualTo("admin@localhost");
            assertThat(u.instanceAdmin()).isTrue();
        });
        assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String token = Files.readString(tokenFile).trim();
        assertThat(token).startsWith("cs_");
        Optional<Actor> actor = identity.authenticate(token, "r");
        assertThat(actor).map(Actor::user).map(User::email).contains("admin@localhost");
        assertThat(actor.get().user().instanceAdmin()).isTrue();
        try (var files = Files.list(tokenFile.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(tokenFile);
        }
    }

    @Test
    void firstStartIsAuditedBySystemWithoutTheToken() throws Exception {
        bootstrap(null);
        String token = Files.readString(tokenFile).trim();

        List<AuditEvent> events = audit.list(AuditEvent.INSTANCE, 0, 10);

        assertThat(events).extracting(AuditEvent::action).containsExactly("user.created", "api_key.created");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.details()).doesNotContain(token);
        });
        assertThat(audit.verify(AuditEvent.INSTANCE).ok()).isTrue();
    }

    @Test
    void aSecondStartChangesNothing() throws Exception {
        bootstrap(null);
        String first = Files.readString(tokenFile);
        User admin = users().get(0);

        bootstrap(null);

        assertThat(Files.readString(tokenFile)).isEqualTo(first);
        assertThat(users()).containsExactly(admin);
        assertThat(identity.apiKeys(new Actor(admin, null, "r"), admin.id())).hasSize(1);
        assertThat(audit.list(AuditEvent.INSTANCE, 0, 10)).hasSize(2);
        assertThat(identity.authenticate(first.trim(), "r")).isPresent();
    }

    @Test
    void aConfiguredTokenIsUsedAndNoFileIsWritten() {
        bootstrap(CONFIGURED);

        assertThat(identity.authenticate(CONFIGURED, "r")).map(Actor::user).map(User::email)
                .contains("admin@localhost");
        assertThat(tokenFile).doesNotExist();
        assertThat(tokenFile.getParent()).doesNotExist();
    }

    @Test
    void aConfiguredTokenOfExactly32CharactersIsAccepted() {
        String token = "x".repeat(32);

        bootstrap(token);

        assertThat(identity.authenticate(token, "r")).isPresent();
    }

    @Test
    void aShortConfiguredTokenIsRefusedAndNothingIsCreated() {
        assertThatThrownBy(() -> bootstrap("x".repeat(31))).isInstanceOf(IllegalArgumentException.class);

        assertThat(users()).isEmpty();
        assertThat(tokenFile).doesNotExist();
    }

    @Test
    void existingUsersMeanNoBootstrap() {
        User someone = IdentityRecords.newUser(new NewUser("someone@example.com", "Someone", false));
        store.write(tx -> {
            tx.users().insert(someone);
            return null;
        });

        bootstrap(null);

        assertThat(users()).containsExactly(someone);
        assertThat(tokenFile).doesNotExist();
    }
}
