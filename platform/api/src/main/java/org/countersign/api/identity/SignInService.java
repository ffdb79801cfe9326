package org.countersign.api.identity;

import java.util.Optional;

/**
 * How people sign in to the web console (docs/domain.md#users-and-api-keys): email and password (Argon2id), one-time
 * invite links or an initial password that must be changed, single sign-on through OpenID Connect, and sessions that
 * end after a while without activity. Every change is audited; tokens are stored only as their hashes.
 */
public interface SignInService {

    /** Signs in with email and password; empty when they do not match (an unknown email looks the same). */
    Optional<ConsoleSession> signIn(String email, String password, String requestId);

    /**
     * Signs in someone an OpenID Connect provider vouched for with a verified email: the user with that email, or
     * a new one when {@code provision} allows; empty otherwise.
     */
    Optional<ConsoleSession> signInVerified(String email, String name, boolean provision, String requestId);

    /**
     * Starts a session for someone who proved who they are another way (an API token); until they have a password
     * they must set one first.
     */
    Optional<ConsoleSession> signInAs(Actor actor, String requestId);

    /** The actor of a live session (its inactivity clock starts again); empty when it ended or never was. */
    Optional<ConsoleSession> session(String token, String requestId);

    void signOut(String token);

    /** A one-time link for {@code userId} to set a password (instance admins). */
    Invite invite(Actor actor, String userId);

    /** Sets the password an invite is for and signs its user in; 400 when the invite is unknown, used or expired. */
    ConsoleSession acceptInvite(String token, String password, String requestId);

    /** Sets a password {@code userId} must change at their next sign-in (instance admins). */
    void setInitialPassword(Actor actor, String userId, String password);

    /**
     * The caller changes their own password; {@code current} is required once one is set. Their other sessions
     * end; {@code keepSession} (the one making the change, or null) stays.
     */
    void changePassword(Actor actor, String current, String password, String keepSession);

    /** Whether the user must set a new password before anything else. */
    boolean mustChangePassword(String userId);
}
