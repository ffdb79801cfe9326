package org.countersign.http.internal.console;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect single sign-on (docs/domain.md#users-and-api-keys): the authorization code flow with PKCE against
 * {@code oidc.issuer}. The provider's metadata is discovered on first use; each sign-in's state, nonce and code
 * verifier wait here for the provider to send the browser back (for ten minutes at most). Only a verified email signs
 * anyone in.
 */
public final class OidcClient {

    private static final Duration PENDING_FOR = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 10_000;
    private static final int TIMEOUT_MS = 10_000;

    /** What the provider vouched for, and the page the sign-in started from. */
    public record Identity(String email, String name, String next) {
    }

    private record Pending(CodeVerifier verifier, Nonce nonce, String next, Instant until) {
    }

    private final Issuer issuer;
    private final ClientID clientId;
    private final Secret secret;
    private final URI callback;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private volatile OIDCProviderMetadata provider;

    public OidcClient(String issuer, String clientId, String secret, URI callback, Clock clock) {
        this.issuer = new Issuer(issuer);
        this.clientId = new ClientID(clientId);
        this.secret = new Secret(secret == null ? "" : secret);
        this.callback = callback;
        this.clock = clock;
    }

    /** Where to send the browser to sign in; {@code next} is where to bring it back to afterwards. */
    public URI start(String next) throws Exception {
        OIDCProviderMetadata metadata = metadata();
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        State state = new State();
        forgetExpired();
        pending.put(state.getValue(), new Pending(verifier, nonce, next, clock.instant().plus(PENDING_FOR)));
        return new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope("openid", "email", "profile"), clientId, callback)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    /**
     * Exchanges the code the provider sent back for tokens and checks the ID token (signature, issuer, audience,
     * expiry, nonce).
     *
     * @throws SecurityException when anything does not check out, or the email is not verified
     */
    public Identity finish(String state, String code) throws Exception {
        Pending started = state == null ? null : pending.remove(state);
        if (started == null || started.until().isBefore(clock.instant())) {
            throw new SecurityException("unknown or expired sign-in");
        }
        OIDCProviderMetadata metadata = metadata();
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), new ClientSecretBasic(clientId, secret),
                new AuthorizationCodeGrant(new AuthorizationCode(code), callback, started.verifier()));
        var http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MS);
        http.setReadTimeout(TIMEOUT_MS);
        TokenResponse response = OIDCTokenResponseParser.parse(http.send());
        if (!response.indicatesSuccess()) {
            throw new SecurityException("the provider refused the code: "
                    + response.toErrorResponse().getErrorObject().getDescription());
        }
        IDTokenValidator validator = new IDTokenValidator(issuer, clientId, JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL());
        IDTokenClaimsSet claims = validator.validate(((OIDCTokenResponse) response).getOIDCTokens().getIDToken(),
                started.nonce());
        String email = claims.getStringClaim("email");
        if (email == null || !Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"))) {
            throw new SecurityException("the provider did not vouch for a verified email");
        }
        return new Identity(email, claims.getStringClaim("name"), started.next());
    }

    private OIDCProviderMetadata metadata() throws Exception {
        OIDCProviderMetadata known = provider;
        if (known == null) {
            known = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MS, TIMEOUT_MS);
            provider = known;
        }
        return known;
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            if (it.next().until().isBefore(now)) {
                it.remove();
            }
        }
        if (pending.size() > MAX_PENDING) {
            pending.clear();
        }
    }
}
