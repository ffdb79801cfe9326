package org.countersign.http.internal.support;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import org.countersign.api.error.TooManyRequestsException;
import org.countersign.api.error.UnauthenticatedException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.IdentityService;
import org.countersign.http.internal.throttle.CredentialThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer-token authentication for {@code /api/v1}; the actor is kept on the request for the routes. Bad tokens
 * count against the client's address in the throttle; a blocked address is answered 429 before its token is
 * looked at, unless that token worked from there before.
 */
public final class Authentication {

    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
    private static final String ATTRIBUTE = "countersign.actor";
    private static final String SCHEME = "Bearer ";

    private final IdentityService identity;
    private final CredentialThrottle throttle;

    public Authentication(IdentityService identity, CredentialThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
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
