package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in to the console (docs/domain.md#users-and-api-keys) in a real browser: with a password (an initial one is
 * changed on the page the console forces first), with the initial API token as the first admin does, with single
 * sign-on through a real OpenID Connect provider started here; a link opened while signed out leads through sign-in to
 * that page; changes without the CSRF token and another site's form posts are refused; and an idle session ends.
 */
class ConsoleSignInBrowserIT extends ConsoleBrowserSupport {

    private static final String WS = "/api/v1/workspaces/signin";
    private static final String ISSUER_ID = "corp";
    /** Short, so that one test can wait it out; long enough that no other test idles that long between two steps. */
    private static final int IDLE_SECONDS = 6;

    MockOAuth2Server provider;
    Person sofia;
    Person jonas;

    @Override
    RunningCountersign configure(RunningCountersign installed) {
        provider = new MockOAuth2Server();
        provider.start(0);
        return installed.env("COUNTERSIGN_SESSION_IDLE_SECONDS", Integer.toString(IDLE_SECONDS))
                .env("COUNTERSIGN_OIDC_ISSUER", provider.issuerUrl(ISSUER_ID).toString())
                .env("COUNTERSIGN_OIDC_CLIENT_ID", "countersign")
                .env("COUNTERSIGN_OIDC_CLIENT_SECRET", "not-checked-by-the-test-provider")
                .env("COUNTERSIGN_OIDC_AUTOPROVISION", "false");
    }

    @Override
    void setUp() {
        api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"signin\",\"name\":\"Sign-in team\"}").expect(201);
        sofia = member(WS, "Sofia Single", "sofia@example.com", "workspace_editor");
        jonas = member(WS, "Jonas Idle", "jonas@example.com", "workspace_editor");
    }

    @AfterAll
    void stopProvider() {
        provider.shutdown();
    }

    @Test
    void anInitialPasswordIsReplacedOnTheForcedPageBeforeAnythingElse() {
        Person ines = fx.person("ines@example.com");
        fx.member(WS, ines, "workspace_viewer");
        api.post("/api/v1/users/" + ines.id() + "/password", ADMIN_TOKEN, "{\"password\":\"temporary password 1\"}")
                .expect(204);
        signedOut();

        browser.open("/sign-in");
        browser.awaitHeading("Sign in");
        assertThat(browser.pageText()).contains("Sign in with single sign-on").contains("Sign in with an API token");
        browser.screenshot("01-sign-in");
        browser.type("Email", "ines@example.com");
        browser.type("Password", "not the password");
        browser.click("Sign in");
        browser.awaitPageText("That email and password do not match an account.");
        assertThat(browser.cookie("countersign_session")).isNull();

        browser.type("Email", "Ines@Example.com");
        browser.type("Password", "temporary password 1");
        browser.click("Sign in");
        browser.awaitHeading("Choose a new password");
        // nothing else is shown until the password is changed, whatever page is asked for
        browser.open("/w/signin");
        browser.awaitHeading("Choose a new password");
        browser.screenshot("18-choose-password");
        browser.type("Current password", "temporary password 1");
        browser.type("New password", "ines's own long password");
        browser.type("Repeat the new password", "ines's own long passwordX");
        browser.click("Set password and continue");
        browser.awaitPageText("The two passwords are not the same.");
        browser.type("Repeat the new password", "ines's own long password");
        browser.click("Set password and continue");
        browser.awaitFlash("Your password is set.");
        browser.awaitHeading("Resources");
        assertThat(browser.path()).isEqualTo("/w/signin");

        browser.signOut();
        assertThat(browser.cookie("countersign_session")).isNull();
        browser.type("Email", "ines@example.com");
        browser.type("Password", "temporary password 1");
        browser.click("Sign in");
        browser.awaitPageText("That email and password do not match an account.");
        browser.signIn("ines@example.com", "ines's own long password");
        browser.awaitHeading("Resources");
        signedOut();
    }

    @Test
    void aLinkOpenedWhileSignedOutLeadsThroughSignInToThatPage() {
        signedOut();
        browser.open("/w/signin/approvals?tab=mine");
        browser.awaitHeading("Sign in");
        assertThat(browser.path()).isEqualTo("/sign-in?next=%2Fw%2Fsignin%2Fapprovals%3Ftab%3Dmine");
        browser.signIn(jonas.email(), PASSWORD);
        browser.awaitHeading("Approvals");
        assertThat(browser.path()).isEqualTo("/w/signin/approvals?tab=mine");
        assertThat(browser.await(By.cssSelector("nav.tabs a[aria-current=page]")).getText()).isEqualTo("Mine");
        signedOut();
    }

    @Test
    void theFirstAdminSignsInWithTheInitialApiTokenAndChoosesAPassword() {
        signedOut();
        browser.open("/sign-in");
        browser.awaitHeading("Sign in");
        browser.await(By.xpath("//summary[normalize-space()='Sign in with an API token']")).click();
        browser.type("API token", ADMIN_TOKEN);
        browser.click("Sign in with token");
        browser.awaitHeading("Account");
        assertThat(browser.path()).startsWith("/account");
        assertThat(browser.pageText()).contains("admin@localhost").contains("Instance admin")
                .contains("You signed in with an API token. Choose a password below");
        browser.type("New password", "the first admin's password");
        browser.type("Repeat the new password", "the first admin's password");
        browser.click("Change password");
        browser.awaitPageText("Your password is changed.");
        browser.screenshot("17-account");

        browser.signOut();
        browser.signIn("admin@localhost", "the first admin's password");
        assertThat(browser.driver().findElement(By.id("topbar")).getText()).contains("Administrator");
        signedOut();
    }

    @Test
    void singleSignOnThroughTheProviderSignsInAndReturnsToTheLinkThatWasOpened() {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "sofia-sub", "JWT", List.of("countersign"),
                Map.of("email", "sofia@example.com", "email_verified", true, "name", "Sofia Single"), 3600));
        signedOut();
        browser.open("/w/signin/approvals");
        browser.awaitHeading("Sign in");
        browser.clickLink("Sign in with single sign-on");
        // the provider signs her in at once and sends the browser back to Countersign
        browser.awaitHeading("Approvals");
        assertThat(browser.path()).isEqualTo("/w/signin/approvals");
        assertThat(browser.driver().findElement(By.id("topbar")).getText()).contains("Sofia Single");
        assertThat(browser.cookie("countersign_session").isHttpOnly()).isTrue();

        // an address the provider vouches for but nobody here has gets no session
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "mallory-sub", "JWT", List.of("countersign"),
                Map.of("email", "mallory@example.com", "email_verified", true), 3600));
        signedOut();
        browser.open("/sign-in");
        browser.clickLink("Sign in with single sign-on");
        browser.awaitPageText("no Countersign account uses that email");
        assertThat(browser.path()).startsWith("/sign-in");
        assertThat(browser.cookie("countersign_session")).isNull();
    }

    @Test
    void changesWithoutTheCsrfTokenAndFormsPostedFromAnotherSiteAreRefused() throws IOException {
        signedOut();
        signInAs(sofia);
        browser.awaitHeading("Resources");
        String csrf = browser.cookie("countersign_csrf").getValue();
        String keys = "/api/v1/me/api-keys";
        assertThat(browser.fetchStatus("POST", keys, "{\"name\":\"no csrf\"}", null)).isEqualTo(403);
        assertThat(browser.fetchStatus("POST", keys, "{\"name\":\"wrong csrf\"}", "{\"X-CSRF-Token\": \"forged\"}"))
                .isEqualTo(403);
        assertThat(browser.fetchStatus("POST", keys, "{\"name\":\"with csrf\"}", "{\"X-CSRF-Token\": \"" + csrf + "\"}"))
                .isEqualTo(201);
        assertThat(WorkspaceFixtures.texts(api.get(keys, sofia.token()).expect(200).json().get("items"), "name"))
                .contains("with csrf").doesNotContain("no csrf", "wrong csrf");

        // another site's page posts a sign-out form (and an API call) to Countersign from this browser
        Cookie session = browser.cookie("countersign_session");
        try (OtherSite other = new OtherSite(browser.base())) {
            browser.driver().get(other.url());
            browser.awaitPath("/sign-in");
        }
        // the session is not ended: another site cannot sign anyone out, nor change anything
        assertThat(withSession(session).statusCode()).isEqualTo(200);
        assertThat(WorkspaceFixtures.texts(api.get(keys, sofia.token()).expect(200).json().get("items"), "name"))
                .doesNotContain("cross-site");
        signedOut();
    }

    @Test
    void aSessionIdleForLongerThanItsLimitEndsAndTheNextPageAsksToSignInAgain() {
        signedOut();
        signInAs(jonas);
        browser.awaitHeading("Resources");
        // idleness is what is tested: nothing reaches the server for longer than the idle limit (the console's own
        // polling runs once a minute)
        RunningCountersign.sleep((IDLE_SECONDS + 1) * 1000L);
        browser.clickLink("Approvals");
        browser.awaitHeading("Sign in");
        assertThat(browser.path()).isEqualTo("/sign-in?next=%2Fw%2Fsignin%2Fapprovals");
        browser.signIn(jonas.email(), PASSWORD);
        browser.awaitHeading("Approvals");
        signedOut();
    }

    private java.net.http.HttpResponse<Void> withSession(Cookie session) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create(browser.base() + "/api/v1/me")).header("Cookie", session.getName() + "="
                    + session.getValue()).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A page on another site (localhost is not the same site as 127.0.0.1) whose forms post to Countersign as
     * soon as it loads: an API key for the attacker, then a sign-out with a made-up CSRF token.
     */
    static final class OtherSite implements AutoCloseable {

        private final HttpServer server;

        OtherSite(String countersign) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] page = ("<!doctype html><html><body>"
                    + "<iframe name=sink></iframe>"
                    + "<form id=key target=sink method=post enctype=text/plain action=\"" + countersign
                    + "/api/v1/me/api-keys\"><input name='{\"name\":\"cross-site\",\"x\":\"' value='\"}'></form>"
                    + "<form id=out method=post action=\"" + countersign + "/console/sign-out\">"
                    + "<input type=hidden name=csrf value=forged></form>"
                    + "<script src=/go.js></script></body></html>").getBytes(StandardCharsets.UTF_8);
            byte[] script = ("document.querySelector('iframe').addEventListener('load', function () {"
                    + " document.getElementById('out').submit(); });"
                    + "document.getElementById('key').submit();")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                try (exchange) {
                    boolean js = exchange.getRequestURI().getPath().equals("/go.js");
                    byte[] body = js ? script : page;
                    exchange.getResponseHeaders().add("Content-Type", js ? "text/javascript" : "text/html");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        String url() {
            return "http://localhost:" + server.getAddress().getPort() + "/";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
