package org.countersign.distribution;

import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the console's browser tests share: one running distribution and one headless Chromium per test class, people
 * set up over the API (each with a console password of their own, so signing in goes straight in), and signing in
 * as one of them through the sign-in page. A failing test leaves a screenshot of what the browser showed under
 * {@code target/screenshots/failed/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserSupport {

    static final String PASSWORD = "a long console password";

    @TempDir
    static Path dir;

    RunningCountersign server;
    Api api;
    WorkspaceFixtures fx;
    ConsoleBrowser browser;
    private Person signedIn;

    /** The browser of the class running now, for the failure screenshot. */
    private static volatile ConsoleBrowser watched;

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            ConsoleBrowser browser = watched;
            if (browser != null) {
                try {
                    browser.screenshot("failed/" + context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getRequiredTestMethod().getName());
                    System.err.println("The browser was at " + browser.path() + " showing:\n" + browser.pageText());
                } catch (RuntimeException e) {
                    System.err.println("No screenshot of the failure: " + e);
                }
            }
        }
    };

    /** The server this class runs against, configured but not started. */
    RunningCountersign configure(RunningCountersign installed) {
        return installed;
    }

    /** Sets up workspaces and people over the API once the server runs. */
    abstract void setUp();

    @BeforeAll
    void startServerAndBrowser() {
        RunningCountersign installed = RunningCountersign.installIn(dir.resolve("countersign"));
        server = configure(installed.env("COUNTERSIGN_PUBLIC_URL", "http://127.0.0.1:" + installed.port())).start();
        api = server.api();
        fx = new WorkspaceFixtures(api);
        setUp();
        browser = new ConsoleBrowser("http://127.0.0.1:" + server.port(), dir.resolve("profile"));
        watched = browser;
    }

    @AfterAll
    void stopServerAndBrowser() {
        watched = null;
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A user with a name, an API key, and a console password they chose themselves (so none must be changed). */
    Person person(String name, String email) {
        ObjectNode body = Api.JSON.createObjectNode().put("email", email).put("name", name);
        String id = api.post("/api/v1/users", ADMIN_TOKEN, body.toString()).expect(201).json().get("id").asText();
        String token = api.post("/api/v1/users/" + id + "/api-keys", ADMIN_TOKEN, "{\"name\":\"browser test\"}")
                .expect(201).json().get("token").asText();
        api.put("/api/v1/me/password", token, "{\"password\":\"" + PASSWORD + "\"}").expect(204);
        return new Person(id, email, token);
    }

    /** A new person who is a member of workspace {@code ws} (its API path) with {@code role}. */
    Person member(String ws, String name, String email, String role) {
        Person person = person(name, email);
        fx.member(ws, person, role);
        return person;
    }

    /** Signs {@code person} in through the sign-in page, signing out whoever was signed in before. */
    void signInAs(Person person) {
        if (signedIn != null && signedIn.equals(person)) {
            return;
        }
        if (signedIn != null) {
            browser.signOut();
        }
        browser.open("/sign-in");
        browser.signIn(person.email(), PASSWORD);
        signedIn = person;
    }

    /** Forgets who is signed in, for tests that sign in or out themselves. */
    void signedOut() {
        browser.driver().manage().deleteAllCookies();
        signedIn = null;
    }
}
