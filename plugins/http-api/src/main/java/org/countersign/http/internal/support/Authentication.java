package org.countersign.http.internal.support;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.error.ForbiddenException;
import org.countersign.api.error.TooManyRequestsException;
import org.countersign.api.error.UnauthenticatedException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ConsoleSession;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.SignInService;
import org.countersign.http.internal.console.SessionCookies;
import org.countersign.http.internal.throttle.CredentialThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication for {@code /api/v1}: a bearer token, or the console's session cookie; the actor is kept on the
 * request for the routes. Bad tokens
 * count against the client's address in the throttle; a blocked address is answered 429 before its token is
 * looked at, unless that token worked from there before.
 */
public final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final String ATTRIBUTE = "countersign.actor";
    private static final String SESSION_ATTRIBUTE = "countersign.session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    /** What someone who must change their password may still call. */
    private static final Set<String> PASSWORD_PATHS = Set.of("/api/v1/me", "/api/v1/me/password");
    private static final String SCHEME = "Bearer ";

    private final IdentityService identity;
    private final SignInService sessions;
    private final CredentialThrottle throttle;

    /** @param sessions console sessions, which the API accepts as well as tokens (null: tokens only) */
    public Authentication(IdentityService identity, SignInService sessions, CredentialThrottle throttle) {
        this.identity = identity;
        this.sessions = sessions;
        this.throttle = throttle;
    }

    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String session = ctx.cookie(SessionCookies.SESSION);
        if (header == null && session != null && sessions != null) {
            authenticateSession(ctx, session);
            return;
        }
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthenticatedException("Send an API token as 'Authorization: Bearer <token>'");
        }
        String token = header.substring(SCHEME.length()).trim();
        String client = ClientAddress.of(ctx.req().getRemoteAddr());
        Optional<Duration> refusal = throttle.refusal(client, token);
        if (refusal.isPresent()) {
            throw new TooManyRequestsException(wholeSeconds(refusal.get()),
                    "Too many failed authentications from this address; try again later");
        }
        Optional<Actor> actor = identity.authenticate(token, RequestIds.of(ctx));
        if (actor.isEmpty()) {
            if (throttle.failed(client, token)) {
                LOG.warn("Too many failed authentications from {}: answering 429 for a while, except to tokens that"
                        + " worked from there before", client);
            }
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new UnauthenticatedException("The API token is unknown or revoked");
        }
        throttle.succeeded(client, token);
        ctx.attribute(ATTRIBUTE, actor.get());
    }

    /**
     * A console session: the same throttle as tokens; changes need the session's CSRF token in
     * {@code X-CSRF-Token} (a page of another site can send the cookie, never read the token); and someone who
     * must change their password may do only that until they have.
     */
    private void authenticateSession(Context ctx, String token) {
        String client = ClientAddress.of(ctx.req().getRemoteAddr());
        Optional<Duration> refusal = throttle.refusal(client, token);
        if (refusal.isPresent()) {
            throw new TooManyRequestsException(wholeSeconds(refusal.get()),
                    "Too many failed authentications from this address; try again later");
        }
        Optional<ConsoleSession> session = sessions.session(token, RequestIds.of(ctx));
        if (session.isEmpty()) {
            throttle.failed(client, token);
            throw new UnauthenticatedException("The console session has ended; sign in again");
        }
        if (CHANGES.contains(ctx.method()) && !SessionCookies.csrfMatches(ctx.header(CSRF_HEADER), session.get().csrf())) {
            throw new ForbiddenException("forbidden", "Changes from a console session need its token in " + CSRF_HEADER);
        }
        if (session.get().mustChangePassword() && !PASSWORD_PATHS.contains(ctx.path())) {
            throw new ForbiddenException("password_change_required", "Set a new password first (PUT /api/v1/me/password)");
        }
        throttle.succeeded(client, token);
        ctx.attribute(ATTRIBUTE, session.get().actor());
        ctx.attribute(SESSION_ATTRIBUTE, token);
    }

    /** The console session token of this request, or null when it came with an API token. */
    public static String sessionToken(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    /** The authenticated caller; only valid on routes behind {@link #authenticate}. */
    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ATTRIBUTE);
        if (actor == null) {
            throw new UnauthenticatedException("Authentication required");
        }
        return actor;
    }

    /** Rounded up, so a client that waits as told is not refused again. */
    private static long wholeSeconds(Duration wait) {
        return (wait.toMillis() + 999) / 1000;
    }
}
