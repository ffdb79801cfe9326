package org.countersign.http.internal.console;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.error.CountersignException;
import org.countersign.api.identity.ConsoleSession;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.SignInService;
import org.countersign.http.internal.routes.RouteGroup;
import org.countersign.http.internal.support.ClientAddress;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.RequestIds;
import org.countersign.http.internal.throttle.CredentialThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's session endpoints (docs/domain.md#http-api): plain HTML form posts that answer with a redirect, so that
 * signing in works before any script has loaded. Failed sign-ins count against the client's address like bad tokens.
 * Forms must come from this server's own pages (their {@code Origin}), and signing out needs the session's CSRF
 * token.
 */
public final class SignInRoutes implements RouteGroup {

    private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);

    private final SignInService signIn;
    private final IdentityService identity;
    private final CredentialThrottle throttle;
    private final OidcClient oidc;
    private final boolean autoProvision;
    private final boolean secureCookies;

    /** @param oidc null when single sign-on is not configured */
    public SignInRoutes(SignInService signIn, IdentityService identity, CredentialThrottle throttle, OidcClient oidc,
            boolean autoProvision, boolean secureCookies) {
        this.signIn = signIn;
        this.identity = identity;
        this.throttle = throttle;
        this.oidc = oidc;
        this.autoProvision = autoProvision;
        this.secureCookies = secureCookies;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/console/sign-in-options", ctx -> Json.write(ctx, 200,
                Map.of("password", true, "oidc", oidc != null)));
        routes.post("/console/sign-in", this::signIn);
        routes.post("/console/sign-out", this::signOut);
        routes.post("/console/invite", this::acceptInvite);
        routes.get("/console/oidc/start", this::startSso);
        routes.get("/console/oidc/callback", this::finishSso);
    }

    private void signIn(Context ctx) {
        String next = Redirects.safePath(ctx.formParam("next"));
        if (!Redirects.sameOrigin(ctx)) {
            ctx.redirect(Redirects.signIn("forbidden", next), HttpStatus.SEE_OTHER);
            return;
        }
        String email = ctx.formParam("email");
        String password = ctx.formParam("password");
        String apiToken = ctx.formParam("token");
        String client = ClientAddress.of(ctx.req().getRemoteAddr());
        String credential = apiToken != null && !apiToken.isBlank() ? apiToken : email + "\n" + password;
        Optional<Duration> wait = throttle.refusal(client, credential);
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())));
            ctx.redirect(Redirects.signIn("throttled", next), HttpStatus.SEE_OTHER);
            return;
        }
        // an API token signs its owner in too: how the first admin, who has only the initial token, gets in
        Optional<ConsoleSession> session = apiToken != null && !apiToken.isBlank()
                ? identity.authenticate(apiToken.strip(), RequestIds.of(ctx))
                        .flatMap(actor -> signIn.signInAs(actor, RequestIds.of(ctx)))
                : signIn.signIn(email, password, RequestIds.of(ctx));
        if (session.isEmpty()) {
            throttle.failed(client, credential);
            ctx.redirect(Redirects.signIn("invalid", next), HttpStatus.SEE_OTHER);
            return;
        }
        throttle.succeeded(client, credential);
        begin(ctx, session.get(), session.get().mustChangePassword() ? "/account?change=required" : next);
    }

    private void signOut(Context ctx) {
        String token = ctx.cookie(SessionCookies.SESSION);
        Optional<ConsoleSession> session = signIn.session(token, RequestIds.of(ctx));
        if (session.isPresent() && SessionCookies.csrfMatches(ctx.formParam("csrf"), session.get().csrf())) {
            signIn.signOut(token);
        }
        SessionCookies.clear(ctx, secureCookies);
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    private void acceptInvite(Context ctx) {
        String token = ctx.formParam("token");
        if (!Redirects.sameOrigin(ctx)) {
            ctx.redirect("/invite/" + encode(token) + "?error=forbidden", HttpStatus.SEE_OTHER);
            return;
        }
        try {
            begin(ctx, signIn.acceptInvite(token, ctx.formParam("password"), RequestIds.of(ctx)), "/");
        } catch (CountersignException e) {
            boolean weak = e.errors().stream().anyMatch(error -> error.path().equals("/password"));
            ctx.redirect("/invite/" + encode(token) + "?error=" + (weak ? "weak" : "invalid"), HttpStatus.SEE_OTHER);
        }
    }

    private void startSso(Context ctx) throws Exception {
        String next = Redirects.safePath(ctx.queryParam("next"));
        if (oidc == null) {
            ctx.redirect(Redirects.signIn("sso", next), HttpStatus.SEE_OTHER);
            return;
        }
        URI provider = oidc.start(next);
        ctx.redirect(provider.toString(), HttpStatus.FOUND);
    }

    private void finishSso(Context ctx) {
        if (oidc == null) {
            ctx.redirect(Redirects.signIn("sso", "/"), HttpStatus.SEE_OTHER);
            return;
        }
        try {
            OidcClient.Identity identity = oidc.finish(ctx.queryParam("state"), ctx.queryParam("code"));
            Optional<ConsoleSession> session = signIn.signInVerified(identity.email(), identity.name(), autoProvision,
                    RequestIds.of(ctx));
            if (session.isEmpty()) {
                LOG.info("Single sign-on for {}: no such user (oidc.autoProvision is off)", identity.email());
                ctx.redirect(Redirects.signIn("unknown", identity.next()), HttpStatus.SEE_OTHER);
                return;
            }
            begin(ctx, session.get(), identity.next());
        } catch (Exception e) {
            LOG.warn("Single sign-on failed: {}", e.getMessage());
            ctx.redirect(Redirects.signIn("sso", "/"), HttpStatus.SEE_OTHER);
        }
    }

    private void begin(Context ctx, ConsoleSession session, String next) {
        SessionCookies.set(ctx, session.token(), session.csrf(), secureCookies);
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
