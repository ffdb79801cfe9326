package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in to the console (docs/domain.md#users-and-api-keys) through the running distribution: passwords, initial
 * passwords that must be changed, invites, CSRF, inactivity expiry, sign-out, and single sign-on against a real OpenID
 * Connect provider started here.
 */
class ConsoleSignInIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ISSUER_ID = "corp";

    @TempDir
    static Path dir;

    static MockOAuth2Server provider;
    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;

    @BeforeAll
    static void start() {
        provider = new MockOAuth2Server();
        provider.start(0);
        server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_SESSION_IDLE_SECONDS", "3")
                .env("COUNTERSIGN_OIDC_ISSUER", provider.issuerUrl(ISSUER_ID).toString())
                .env("COUNTERSIGN_OIDC_CLIENT_ID", "countersign")
                .env("COUNTERSIGN_OIDC_CLIENT_SECRET", "not-checked-by-the-test-provider")
                .env("COUNTERSIGN_OIDC_AUTOPROVISION", "true");
        server.env("COUNTERSIGN_PUBLIC_URL", "http://127.0.0.1:" + server.port()).start();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        fx.workspace("signin");
    }

    @AfterAll
    static void stop() {
        server.close();
        provider.shutdown();
    }

    /** A browser's cookie jar, as far as these endpoints need one. */
    static final class Browser {

        final Map<String, String> cookies = new LinkedHashMap<>();

        Response get(String path) {
            return remember(api.send(withCookies(api.request(path)).GET()));
        }

        Response form(String path, Map<String, String> fields) {
            return form(path, fields, "http://127.0.0.1:" + server.port());
        }

        Response form(String path, Map<String, String> fields, String origin) {
            StringBuilder body = new StringBuilder();
            fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return remember(api.send(withCookies(api.request(path)).header("Origin", origin)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
        }

        /** A JSON call as the console's scripts make it: the session cookie, and the CSRF token when asked. */
        Response json(String method, String path, String body, boolean csrf) {
            HttpRequest.Builder request = withCookies(api.request(path)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (csrf) {
                request.header("X-CSRF-Token", cookies.getOrDefault("countersign_csrf", ""));
            }
            return remember(api.send(request));
        }

        boolean signIn(String email, String password) {
            Response answer = form("/console/sign-in", Map.of("email", email, "password", password, "next", "/approvals"));
            answer.expect(303);
            return !answer.header("Location").startsWith("/sign-in");
        }

        private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            return request;
        }

        private Response remember(Response response) {
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || cookie.contains("Max-Age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        }
    }

    private static Person withPassword(String email) {
        Person person = fx.person(email);
        api.post("/api/v1/users/" + person.id() + "/password", ADMIN_TOKEN, "{\"password\":\"" + PASSWORD + "\"}")
                .expect(204);
        return person;
    }

    @Test
    void anInitialPasswordMustBeChangedBeforeAnythingElseAndChangesNeedTheCsrfToken() {
        withPassword("ines@example.com");
        Browser browser = new Browser();
        Response signedIn = browser.form("/console/sign-in", Map.of("email", "Ines@Example.com", "password", PASSWORD,
                "next", "/w/signin"));
        signedIn.expect(303);
        assertThat(signedIn.header("Location")).isEqualTo("/account?change=required");
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(cookies).anyMatch(c -> c.startsWith("countersign_session=") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax"));
        assertThat(cookies).anyMatch(c -> c.startsWith("countersign_csrf=") && !c.contains("HttpOnly"));

        assertThat(browser.json("GET", "/api/v1/me", null, false).expect(200).json().get("mustChangePassword")
                .asBoolean()).isTrue();
        browser.json("GET", "/api/v1/workspaces", null, false).expectProblem(403, "password_change_required");
        String change = "{\"current\":\"" + PASSWORD + "\",\"password\":\"a brand new long password\"}";
        browser.json("PUT", "/api/v1/me/password", change, false).expectProblem(403, "forbidden");
        browser.json("PUT", "/api/v1/me/password", change, true).expect(204);
        browser.json("GET", "/api/v1/workspaces", null, false).expect(200);
        assertThat(new Browser().signIn("ines@example.com", PASSWORD)).as("the old password is gone").isFalse();
        assertThat(new Browser().signIn("ines@example.com", "a brand new long password")).isTrue();
    }

    @Test
    void wrongPasswordsUnknownEmailsAndOtherSitesGetNoSession() {
        withPassword("jo@example.com");
        Browser browser = new Browser();
        Response wrong = browser.form("/console/sign-in", Map.of("email", "jo@example.com", "password", "not it",
                "next", "/w/signin"));
        assertThat(wrong.header("Location")).isEqualTo("/sign-in?error=invalid&next=%2Fw%2Fsignin");
        assertThat(browser.cookies).isEmpty();
        Response unknown = browser.form("/console/sign-in", Map.of("email", "nobody@example.com", "password", PASSWORD));
        assertThat(unknown.header("Location")).startsWith("/sign-in?error=invalid");
        // another site's form cannot sign anyone in, and a next page elsewhere is not followed
        Response crossSite = browser.form("/console/sign-in", Map.of("email", "jo@example.com", "password", PASSWORD),
                "https://evil.example");
        assertThat(crossSite.header("Location")).startsWith("/sign-in?error=forbidden");
        assertThat(browser.cookies).isEmpty();
        Response offsite = browser.form("/console/sign-in", Map.of("email", "jo@example.com", "password", PASSWORD,
                "next", "//evil.example/x"));
        assertThat(offsite.header("Location")).isEqualTo("/account?change=required");
        browser.json("GET", "/api/v1/me", null, false).expect(200);
    }

    @Test
    void anInviteSetsThePasswordOnceAndSignsTheUserIn() {
        Person kim = fx.person("kim@example.com");
        JsonNode invite = api.post("/api/v1/users/" + kim.id() + "/invite", ADMIN_TOKEN, "").expect(201).json();
        String url = invite.get("url").asText();
        assertThat(url).startsWith("http://127.0.0.1:" + server.port() + "/invite/");
        api.post("/api/v1/users/" + kim.id() + "/invite", kim.token(), "").expectProblem(403, "forbidden");
        String token = url.substring(url.lastIndexOf('/') + 1);

        Browser browser = new Browser();
        Response accepted = browser.form("/console/invite", Map.of("token", token, "password", "kims long password"));
        assertThat(accepted.expect(303).header("Location")).isEqualTo("/");
        assertThat(browser.json("GET", "/api/v1/me", null, false).expect(200).json().get("email").asText())
                .isEqualTo("kim@example.com");
        Response again = new Browser().form("/console/invite", Map.of("token", token, "password", "another password!"));
        assertThat(again.header("Location")).startsWith("/invite/" + token + "?error=");
        assertThat(new Browser().signIn("kim@example.com", "kims long password")).isTrue();
    }

    @Test
    void aSessionEndsAfterInactivityAndOnSignOut() {
        withPassword("lou@example.com");
        Browser idle = new Browser();
        assertThat(idle.signIn("lou@example.com", PASSWORD)).isTrue();
        idle.json("GET", "/api/v1/me", null, false).expect(200);
        // idleness is what is tested: no request for longer than COUNTERSIGN_SESSION_IDLE_SECONDS (polling would
        // keep the session alive)
        RunningCountersign.sleep(3_500);
        idle.json("GET", "/api/v1/me", null, false).expectProblem(401, "unauthenticated");

        Browser leaving = new Browser();
        assertThat(leaving.signIn("lou@example.com", PASSWORD)).isTrue();
        Response forged = leaving.form("/console/sign-out", Map.of("csrf", "forged"));
        assertThat(forged.header("Location")).isEqualTo("/sign-in");
        String session = leaving.cookies.get("countersign_session");
        assertThat(session).as("a sign-out without the CSRF token clears this browser's cookies only").isNull();
        Browser again = new Browser();
        assertThat(again.signIn("lou@example.com", PASSWORD)).isTrue();
        again.form("/console/sign-out", Map.of("csrf", again.cookies.get("countersign_csrf")));
        assertThat(again.cookies).doesNotContainKey("countersign_session");
    }

    @Test
    void singleSignOnWithAVerifiedEmailSignsInAndProvisionsTheUser() {
        assertThat(api.get("/console/sign-in-options", null).expect(200).json().get("oidc").asBoolean()).isTrue();
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "max-sub", "JWT", List.of("countersign"),
                Map.of("email", "max@example.com", "email_verified", true, "name", "Max Mustermann"), 3600));
        Browser browser = new Browser();
        String callback = followToCallback(browser.get("/console/oidc/start?next=%2Fw%2Fsignin").expect(302));
        Response signedIn = browser.get(callback);
        assertThat(signedIn.expect(303).header("Location")).isEqualTo("/w/signin");
        JsonNode me = browser.json("GET", "/api/v1/me", null, false).expect(200).json();
        assertThat(me.get("email").asText()).isEqualTo("max@example.com");
        assertThat(me.get("name").asText()).isEqualTo("Max Mustermann");
        // a callback cannot be replayed
        assertThat(new Browser().get(callback).header("Location")).startsWith("/sign-in?error=sso");
    }

    @Test
    void singleSignOnWithoutAVerifiedEmailSignsNobodyIn() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "eve-sub", "JWT", List.of("countersign"),
                Map.of("email", "eve@example.com", "email_verified", false), 3600));
        Browser browser = new Browser();
        Response answer = browser.get(followToCallback(browser.get("/console/oidc/start").expect(302)));
        assertThat(answer.header("Location")).startsWith("/sign-in?error=sso");
        assertThat(browser.cookies).isEmpty();
    }

    /** The provider signs the browser in at once and sends it back to Countersign's callback. */
    private static String followToCallback(Response toProvider) {
        URI authorize = URI.create(toProvider.header("Location"));
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("state=").contains("nonce=");
        Response back = api.send(api.request("").uri(authorize).GET());
        URI callback = URI.create(back.expect(302).header("Location"));
        assertThat(callback.getPath()).isEqualTo("/console/oidc/callback");
        return callback.getRawPath() + "?" + callback.getRawQuery();
    }
}
