package org.countersign.core.internal.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ConsoleSession;
import org.countersign.api.identity.Invite;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.SignInService;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredCredential;
import org.countersign.api.storage.StoredInvite;
import org.countersign.api.storage.StoredSession;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.config.CoreConfiguration;
import org.countersign.core.internal.support.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Console sign-in (docs/domain.md#users-and-api-keys). Hashing a password is deliberately slow, so it is always done
 * outside the write transaction: the stored hash is read first, checked, and only then is the session written.
 */
@Component(service = SignInService.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class SignInServiceImpl implements SignInService {

    /** Activity is recorded at most this often, so that reading pages does not mean writing on every request. */
    private static final Duration TOUCH_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final AuditLog audit;
    private final IdentityRecords records;
    private final Duration idle;
    private final Duration inviteLifetime;
    private final Duration touchEvery;

    @Activate
    public SignInServiceImpl(@Reference Store store, @Reference AuditLog audit, CoreConfiguration config) {
        this.store = store;
        this.audit = audit;
        this.records = new IdentityRecords(audit);
        this.idle = Duration.ofSeconds(config.session_idle_seconds());
        this.inviteLifetime = Duration.ofHours(config.invite_hours());
        Duration quarter = idle.dividedBy(4);
        this.touchEvery = quarter.compareTo(TOUCH_AT_MOST_EVERY) < 0 ? quarter : TOUCH_AT_MOST_EVERY;
    }

    @Override
    public Optional<ConsoleSession> signIn(String email, String password, String requestId) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<User> user = store.read(tx -> tx.users().byEmail(normalized));
        Optional<StoredCredential> credential = user.flatMap(u -> store.read(tx -> tx.credentials().password(u.id())));
        // an unknown email is checked against a decoy, so that it takes as long to refuse as a wrong password
        if (!Passwords.matches(password, credential.map(StoredCredential::hash).orElse(null))) {
            return Optional.empty();
        }
        return Optional.of(start(user.get(), "password", credential.get().mustChange(), requestId));
    }

    @Override
    public Optional<ConsoleSession> signInVerified(String email, String name, boolean provision, String requestId) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        Optional<User> user = store.write(tx -> tx.users().byEmail(normalized).or(() -> {
            if (!provision) {
                return Optional.empty();
            }
            User created = IdentityRecords.newUser(new NewUser(normalized,
                    name == null || name.isBlank() ? normalized : name, false));
            records.insertUser(tx, created, "oidc", requestId);
            return Optional.of(created);
        }));
        return user.map(u -> start(u, "oidc", false, requestId));
    }

    @Override
    public Optional<ConsoleSession> signInAs(Actor actor, String requestId) {
        boolean hasPassword = store.read(tx -> tx.credentials().password(actor.userId())).isPresent();
        return Optional.of(start(actor.user(), "api_token", !hasPassword, requestId));
    }

    private ConsoleSession start(User user, String method, boolean mustChange, String requestId) {
        String token = "css_" + random();
        String csrf = random();
        Instant now = Times.now();
        store.write(tx -> {
            tx.credentials().deleteIdleSessions(now.minus(idle));
            tx.credentials().insertSession(new StoredSession(Tokens.hash(token), user.id(), csrf, now, now));
            audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, user.id(), "session.started", user.id(),
                    Map.of("method", method), requestId));
            return null;
        });
        return new ConsoleSession(token, csrf, new Actor(user, null, requestId), mustChange);
    }

    @Override
    public Optional<ConsoleSession> session(String token, String requestId) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Instant now = Times.now();
        record Found(StoredSession session, User user, boolean mustChange) {
        }
        Optional<Found> found = store.read(tx -> tx.credentials().session(hash).flatMap(s -> tx.users().byId(s.userId())
                .map(u -> new Found(s, u, tx.credentials().password(u.id()).map(StoredCredential::mustChange)
                        .orElse(false)))));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredSession session = found.get().session();
        if (session.lastSeenAt().plus(idle).isBefore(now)) {
            store.write(tx -> {
                tx.credentials().deleteSession(hash);
                return null;
            });
            return Optional.empty();
        }
        if (session.lastSeenAt().plus(touchEvery).isBefore(now)) {
            store.write(tx -> {
                tx.credentials().touchSession(hash, now);
                return null;
            });
        }
        return Optional.of(new ConsoleSession(null, session.csrf(), new Actor(found.get().user(), null, requestId),
                found.get().mustChange()));
    }

    @Override
    public void signOut(String token) {
        if (token == null) {
            return;
        }
        String hash = Tokens.hash(token);
        store.write(tx -> {
            tx.credentials().session(hash).ifPresent(session -> {
                tx.credentials().deleteSession(hash);
                audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, session.userId(), "session.ended",
                        session.userId(), Map.of("reason", "signed out"), null));
            });
            return null;
        });
    }

    @Override
    public Invite invite(Actor actor, String userId) {
        actor.requireInstanceAdmin();
        String token = "csi_" + random();
        Instant now = Times.now();
        Instant expires = now.plus(inviteLifetime);
        store.write(tx -> {
            requireUser(tx, userId);
            tx.credentials().insertInvite(new StoredInvite(Tokens.hash(token), userId, now, expires, null));
            audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actor.userId(), "user.invited", userId,
                    Map.of("expiresAt", expires.toString()), actor.requestId()));
            return null;
        });
        return new Invite(userId, token, expires);
    }

    @Override
    public ConsoleSession acceptInvite(String token, String password, String requestId) {
        Passwords.requireAcceptable(password);
        String hash = Passwords.hash(password);
        String tokenHash = Tokens.hash(token == null ? "" : token);
        Instant now = Times.now();
        User user = store.write(tx -> {
            StoredInvite invite = tx.credentials().invite(tokenHash).filter(i -> i.usedAt() == null)
                    .filter(i -> i.expiresAt().isAfter(now))
                    .orElseThrow(() -> new BadRequestException("validation_failed",
                            "This invite link was used already or has expired; ask for a new one",
                            List.of(new FieldError("/token", "is not a valid invite"))));
            tx.credentials().useInvite(tokenHash, now);
            tx.credentials().putPassword(new StoredCredential(invite.userId(), hash, false, now));
            User invited = requireUser(tx, invite.userId());
            audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, invited.id(), "password.set", invited.id(),
                    Map.of("by", "invite"), requestId));
            return invited;
        });
        return start(user, "invite", false, requestId);
    }

    @Override
    public void setInitialPassword(Actor actor, String userId, String password) {
        actor.requireInstanceAdmin();
        Passwords.requireAcceptable(password);
        String hash = Passwords.hash(password);
        store.write(tx -> {
            requireUser(tx, userId);
            tx.credentials().putPassword(new StoredCredential(userId, hash, true, Times.now()));
            tx.credentials().deleteSessions(userId, null);
            audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actor.userId(), "password.set", userId,
                    Map.of("by", "admin", "mustChange", true), actor.requestId()));
            return null;
        });
    }

    @Override
    public void changePassword(Actor actor, String current, String password, String keepSession) {
        Passwords.requireAcceptable(password);
        Optional<StoredCredential> existing = store.read(tx -> tx.credentials().password(actor.userId()));
        if (existing.isPresent() && !Passwords.matches(current, existing.get().hash())) {
            throw new ForbiddenException("forbidden", "The current password is not right");
        }
        String hash = Passwords.hash(password);
        String keep = keepSession == null ? null : Tokens.hash(keepSession);
        store.write(tx -> {
            tx.credentials().putPassword(new StoredCredential(actor.userId(), hash, false, Times.now()));
            int ended = tx.credentials().deleteSessions(actor.userId(), keep);
            audit.append(tx, new AuditEntry(AuditEvent.INSTANCE, actor.userId(), "password.changed", actor.userId(),
                    Map.of("otherSessionsEnded", ended), actor.requestId()));
            return null;
        });
    }

    @Override
    public boolean mustChangePassword(String userId) {
        return store.read(tx -> tx.credentials().password(userId).map(StoredCredential::mustChange).orElse(false));
    }

    private static User requireUser(Tx tx, String userId) {
        return tx.users().byId(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
