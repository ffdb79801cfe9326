package org.countersign.core.internal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Page;
import org.countersign.core.internal.audit.HashChainAuditLog;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityServiceImplTest {

    @TempDir
    Path dir;

    private SqliteStore store;
    private HashChainAuditLog audit;
    private IdentityServiceImpl identity;
    private Actor admin;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"));
        audit = new HashChainAuditLog(store);
        identity = new IdentityServiceImpl(store, audit);
        // the seed admin goes straight into the store, so the audit chain starts with the test's own calls
        User seed = IdentityRecords.newUser(new NewUser("root@example.com", "Root", true));
        store.write(tx -> {
            tx.users().insert(seed);
            return null;
        });
        admin = new Actor(seed, null, "req-admin");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Actor newUser(String email) {
        User user = identity.createUser(admin, new NewUser(email, "Name of " + email, false));
        return new Actor(user, null, "req-" + email);
    }

    private Optional<User> userByEmail(String email) {
        return store.read(tx -> tx.users().byEmail(email));
    }

    private long userCount() {
        return store.read(tx -> tx.users().count());
    }

    private List<AuditEvent> instanceEvents() {
        return audit.list(AuditEvent.INSTANCE, 0, 1000);
    }

    private static String sha256hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anIssuedTokenAuthenticatesItsUser() {
        Actor alice = newUser("alice@example.com");
        IssuedApiKey issued = identity.createApiKey(alice, alice.userId(), "laptop");

        Optional<Actor> actor = identity.authenticate(issued.token(), "req-42");

        assertThat(actor).isPresent();
        assertThat(actor.get().user()).isEqualTo(alice.user());
        assertThat(actor.get().apiKeyId()).isEqualTo(issued.key().id());
        assertThat(actor.get().requestId()).isEqualTo("req-42");
    }

    @Test
    void unknownBlankAndNullTokensDoNotAuthenticate() {
        Actor alice = newUser("alice@example.com");
        IssuedApiKey issued = identity.createApiKey(alice, alice.userId(), "laptop");

        assertThat(identity.authenticate("cs_not-a-token", "r")).isEmpty();
        assertThat(identity.authenticate(issued.token() + "x", "r")).isEmpty();
        assertThat(identity.authenticate(issued.key().tokenHash(), "r")).isEmpty();
        assertThat(identity.authenticate("", "r")).isEmpty();
        assertThat(identity.authenticate("   ", "r")).isEmpty();
        assertThat(identity.authenticate(null, "r")).isEmpty();
    }

    @Test
    void aRevokedTokenFailsAtOnceWhileOtherKeysStillWork() {
        Actor alice = newUser("alice@example.com");
        IssuedApiKey revoked = identity.createApiKey(alice, alice.userId(), "old");
        IssuedApiKey kept = identity.createApiKey(alice, alice.userId(), "new");

        identity.revokeApiKey(alice, alice.userId(), revoked.key().id());

        assertThat(identity.authenticate(revoked.token(), "r")).isEmpty();
        assertThat(identity.authenticate(kept.token(), "r")).isPresent();
        assertThat(identity.apiKeys(alice, alice.userId()))
                .filteredOn(k -> k.id().equals(revoked.key().id()))
                .singleElement().satisfies(k -> assertThat(k.active()).isFalse());
    }

    @Test
    void onlyTheSha256OfTheTokenIsStored() throws Exception {
        Actor alice = newUser("alice@example.com");
        IssuedApiKey issued = identity.createApiKey(alice, alice.userId(), "  laptop  ");

        assertThat(issued.token()).startsWith("cs_").hasSizeGreaterThanOrEqualTo(3 + 43);
        ApiKey stored = store.read(tx -> tx.apiKeys().byId(issued.key().id())).orElseThrow();
        assertThat(stored.tokenHash()).isEqualTo(sha256hex(issued.token())).isNotEqualTo(issued.token());
        assertThat(stored.name()).isEqualTo("laptop");
        assertThat(stored.userId()).isEqualTo(alice.userId());
        assertThat(stored.active()).isTrue();
        assertThat(stored).isEqualTo(issued.key());
        assertThat(stored.toString()).doesNotContain(issued.token());
    }

    @Test
    void twoKeysNeverShareAToken() {
        Actor alice = newUser("alice@example.com");

        IssuedApiKey a = identity.createApiKey(alice, alice.userId(), "a");
        IssuedApiKey b = identity.createApiKey(alice, alice.userId(), "b");

        assertThat(a.token()).isNotEqualTo(b.token());
        assertThat(a.key().id()).isNotEqualTo(b.key().id());
    }

    @Test
    void onlyInstanceAdminsCreateUsers() {
        Actor alice = newUser("alice@example.com");
        int eventsBefore = instanceEvents().size();

        assertThatThrownBy(() -> identity.createUser(alice, new NewUser("bob@example.com", "Bob", false)))
                .isInstanceOf(ForbiddenException.class);
        assertThat(userByEmail("bob@example.com")).isEmpty();
        assertThat(instanceEvents()).hasSize(eventsBefore);
    }

    @Test
    void createUserLowercasesTheEmailAndTrimsTheName() {
        User user = identity.createUser(admin, new NewUser("Bob.Smith@Example.COM", "  Bob  ", true));

        assertThat(user.email()).isEqualTo("bob.smith@example.com");
        assertThat(user.name()).isEqualTo("Bob");
        assertThat(user.instanceAdmin()).isTrue();
        assertThat(user.id()).startsWith("usr_");
        assertThat(identity.user(admin, user.id())).isEqualTo(user);
    }

    @Test
    void aDuplicateEmailIsAConflictWhateverItsCase() {
        newUser("carol@example.com");
        int eventsBefore = instanceEvents().size();

        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> identity.createUser(admin, new NewUser("CAROL@Example.com", "Carol 2", false)));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("conflict");
        assertThat(e.status()).isEqualTo(409);
        assertThat(userCount()).isEqualTo(2);
        assertThat(instanceEvents()).as("the failed insert is not audited").hasSize(eventsBefore);
    }

    @Test
    void blankEmailAndNameAreBothReported() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> identity.createUser(admin, new NewUser("  ", "", false)));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(e.errors()).extracting(FieldError::path).containsExactlyInAnyOrder("/email", "/name");
    }

    @Test
    void nullEmailAndNameAreReported() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> identity.createUser(admin, new NewUser(null, null, false)));

        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(e.errors()).extracting(FieldError::path).containsExactlyInAnyOrder("/email", "/name");
    }

    @Test
    void anInvalidEmailIsRefused() {
        for (String email : List.of("no-at-sign", "two@@example.com", "a b@example.com", "@example.com", "bob@")) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class,
                    () -> identity.createUser(admin, new NewUser(email, "Bob", false)));

            assertThat(e).as(email).isNotNull();
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.errors()).extracting(FieldError::path).containsExactly("/email");
        }
        assertThat(userCount()).isEqualTo(1);
    }

    @Test
    void aBlankKeyNameIsRefused() {
        Actor alice = newUser("alice@example.com");

        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> identity.createApiKey(alice, alice.userId(), " "));

        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(e.errors()).extracting(FieldError::path).containsExactly("/name");
    }

    @Test
    void aUserManagesTheirOwnKeys() {
        Actor alice = newUser("alice@example.com");

        IssuedApiKey first = identity.createApiKey(alice, alice.userId(), "first");
        IssuedApiKey second = identity.createApiKey(alice, alice.userId(), "second");
        assertThat(identity.apiKeys(alice, alice.userId())).extracting(ApiKey::id)
                .containsExactlyInAnyOrder(first.key().id(), second.key().id());

        identity.revokeApiKey(alice, alice.userId(), first.key().id());
        assertThat(identity.apiKeys(alice, alice.userId())).filteredOn(ApiKey::active).extracting(ApiKey::id)
                .containsExactly(second.key().id());
    }

    @Test
    void aUserCannotTouchAnotherUsersKeys() {
        Actor alice = newUser("alice@example.com");
        Actor bob = newUser("bob@example.com");
        IssuedApiKey bobs = identity.createApiKey(bob, bob.userId(), "bob's");

        assertThatThrownBy(() -> identity.createApiKey(alice, bob.userId(), "sneaky"))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> identity.apiKeys(alice, bob.userId())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> identity.revokeApiKey(alice, bob.userId(), bobs.key().id()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> identity.user(alice, bob.userId())).isInstanceOf(ForbiddenException.class);
        assertThat(identity.authenticate(bobs.token(), "r")).isPresent();
        assertThat(identity.apiKeys(bob, bob.userId())).hasSize(1);
    }

    @Test
    void revokingAnotherUsersKeyUnderYourOwnIdIsNotFound() {
        Actor alice = newUser("alice@example.com");
        Actor bob = newUser("bob@example.com");
        IssuedApiKey bobs = identity.createApiKey(bob, bob.userId(), "bob's");

        assertThatThrownBy(() -> identity.revokeApiKey(alice, alice.userId(), bobs.key().id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> identity.revokeApiKey(admin, admin.userId(), bobs.key().id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(identity.authenticate(bobs.token(), "r")).isPresent();
    }

    @Test
    void adminsManageAnyUsersKeys() {
        Actor bob = newUser("bob@example.com");

        IssuedApiKey issued = identity.createApiKey(admin, bob.userId(), "for bob");
        assertThat(identity.authenticate(issued.token(), "r")).map(Actor::userId).contains(bob.userId());
        assertThat(identity.apiKeys(admin, bob.userId())).extracting(ApiKey::id).containsExactly(issued.key().id());

        identity.revokeApiKey(admin, bob.userId(), issued.key().id());
        assertThat(identity.authenticate(issued.token(), "r")).isEmpty();
    }

    @Test
    void unknownUsersAndKeysAreNotFound() {
        Actor alice = newUser("alice@example.com");

        assertThatThrownBy(() -> identity.createApiKey(admin, "usr_nobody", "k")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> identity.apiKeys(admin, "usr_nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> identity.user(admin, "usr_nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> identity.revokeApiKey(alice, alice.userId(), "key_nothing"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void usersArePagedWithACursor() {
        for (int i = 1; i <= 4; i++) {
            newUser("user" + i + "@example.com");
        }
        List<String> expected = store.read(tx -> tx.users().list(null, 100)).stream().map(User::id).toList();
        assertThat(expected).hasSize(5);

        List<Page<User>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Page<User> page = identity.users(admin, cursor, 2);
            pages.add(page);
            cursor = page.next();
        } while (cursor != null && pages.size() < 10);

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(p -> p.items().size()).containsExactly(2, 2, 1);
        assertThat(pages.get(0).next()).isNotNull();
        assertThat(pages.get(1).next()).isNotNull();
        assertThat(pages.get(2).next()).isNull();
        assertThat(pages.stream().flatMap(p -> p.items().stream()).map(User::id).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        newUser("one@example.com");

        Page<User> page = identity.users(admin, null, 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.next()).isNull();
        assertThat(identity.users(admin, null, null).items()).hasSize(2);
    }

    @Test
    void usersRejectsOutOfRangeLimitsAndForeignCursors() {
        for (Integer limit : new Integer[] {0, -1, 501}) {
            BadRequestException e = catchThrowableOfType(BadRequestException.class,
                    () -> identity.users(admin, null, limit));
            assertThat(e).as("limit " + limit).isNotNull();
            assertThat(e.code()).isEqualTo("validation_failed");
            assertThat(e.errors()).extracting(FieldError::path).containsExactly("/limit");
        }
        assertThat(identity.users(admin, null, 500).items()).hasSize(1);
        assertThat(identity.users(admin, null, 1).items()).hasSize(1);

        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> identity.users(admin, "!!not base64!!", 2));
        assertThat(e.code()).isEqualTo("validation_failed");
    }

    @Test
    void onlyAdminsListUsers() {
        Actor alice = newUser("alice@example.com");

        assertThatThrownBy(() -> identity.users(alice, null, 10)).isInstanceOf(ForbiddenException.class);
        assertThat(identity.user(alice, alice.userId())).isEqualTo(alice.user());
    }

    @Test
    void everyChangeIsAuditedOnTheInstanceChainWithoutTheToken() {
        Actor alice = newUser("alice@example.com");
        Actor aliceViaKey = new Actor(alice.user(), "key_x", "req-alice");
        IssuedApiKey issued = identity.createApiKey(aliceViaKey, alice.userId(), "laptop");
        identity.revokeApiKey(aliceViaKey, alice.userId(), issued.key().id());
        identity.revokeApiKey(aliceViaKey, alice.userId(), issued.key().id()); // already revoked: nothing to audit

        List<AuditEvent> events = instanceEvents();

        assertThat(events).extracting(AuditEvent::action)
                .containsExactly("user.created", "api_key.created", "api_key.revoked");
        assertThat(events).allSatisfy(e -> assertThat(e.scope()).isEqualTo(AuditEvent.INSTANCE));
        assertThat(events.get(0).actor()).isEqualTo(admin.userId());
        assertThat(events.get(0).target()).isEqualTo(alice.userId());
        assertThat(events.get(0).requestId()).isEqualTo("req-admin");
        assertThat(events.get(0).details()).contains("\"email\":\"alice@example.com\"");
        assertThat(events.subList(1, 3)).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(alice.userId());
            assertThat(e.target()).isEqualTo(issued.key().id());
            assertThat(e.requestId()).isEqualTo("req-alice");
            assertThat(e.details()).contains(alice.userId());
        });
        assertThat(events).allSatisfy(e -> {
            assertThat(e.details()).doesNotContain(issued.token()).doesNotContain(issued.key().tokenHash());
            assertThat(e.toString()).doesNotContain(issued.token());
        });
        assertThat(audit.verify(AuditEvent.INSTANCE).ok()).isTrue();
    }
}
