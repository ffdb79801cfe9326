package org.countersign.http.internal.support;

import io.javalin.http.Context;
import org.countersign.api.error.UnauthenticatedException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.IdentityService;

/** Bearer-token authentication for {@code /api/v1}; the actor is kept on the request for the routes. */
public final class Authentication {

    private static final String ATTRIBUTE = "countersign.actor";
    private static final String SCHEME = "Bearer ";

    private final IdentityService identity;

    public Authentication(IdentityService identity) {
        this.identity = identity;
    }

    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthenticatedException("Send an API token as 'Authorization: Bearer <token>'");
        }
        String token = header.substring(SCHEME.length()).trim();
        Actor actor = identity.authenticate(token, RequestIds.of(ctx)).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return new UnauthenticatedException("The API token is unknown or revoked");
        });
        ctx.attribute(ATTRIBUTE, actor);
    }

    /** The authenticated caller; only valid on routes behind {@link #authenticate}. */
    public static Actor actor(Context ctx) {
        Actor actor = ctx.attribute(ATTRIBUTE);
        if (actor == null) {
            throw new UnauthenticatedException("Authentication required");
        }
        return actor;
    }
}
