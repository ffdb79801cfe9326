package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web console as the running distribution serves it: every page path gets the shell under the strict
 * Content-Security-Policy, every file the shell loads (and every module those import, followed through the
 * whole graph) is there with its type, and the API's own paths stay the API's.
 */
class ConsoleIT {

    private static final Pattern SHELL_REFS = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
    private static final Pattern IMPORTS = Pattern.compile("(?:from\\s+|import\\s*\\(\\s*)'([^']+)'");

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
    }

    @Test
    void pagePathsAnswerTheShellUnderTheConsolePolicy() {
        for (String path : List.of("/", "/sign-in?next=%2Fw%2Fgrowth", "/w/growth", "/w/growth/requests/apr_01JD3ZK8M4",
                "/w/growth/resources/new?type=model", "/w/growth/admin/rules", "/invite/abc-DEF_123", "/inbox")) {
            Response page = api.get(path, null).expect(200);
            assertThat(page.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(page.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'").contains("script-src 'self'").contains("style-src 'self'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.body()).containsPattern("<script type=\"module\" src=\"/assets/[0-9a-f]{12}/app.js\"></script>");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
    }

    @Test
    void everyModuleTheShellReachesIsServed() {
        String shell = api.get("/", null).expect(200).body();
        Deque<String> queue = new ArrayDeque<>();
        Matcher refs = SHELL_REFS.matcher(shell);
        while (refs.find()) {
            queue.add(refs.group(1));
        }
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            Response asset = api.get(path, null);
            assertThat(asset.status()).as(path).isEqualTo(200);
            // every file the shell reaches is versioned, so browsers keep it
            assertThat(asset.header("Cache-Control")).as(path).contains("immutable");
            String type = asset.header("Content-Type");
            if (path.endsWith(".js")) {
                assertThat(type).as(path).startsWith("text/javascript");
                Matcher imports = IMPORTS.matcher(asset.body());
                while (imports.find()) {
                    assertThat(imports.group(1)).as(path + " imports " + imports.group(1)).startsWith(".");
                    queue.add(URI.create("http://console" + path).resolve(imports.group(1)).getPath());
                }
            } else if (path.endsWith(".css")) {
                assertThat(type).as(path).startsWith("text/css");
            } else if (path.endsWith(".svg")) {
                assertThat(type).as(path).startsWith("image/svg+xml");
            }
        }
        String assets = seen.iterator().next().replaceFirst("^(/assets/[0-9a-f]{12}/).*", "$1");
        assertThat(seen).contains(assets + "app.js", assets + "api.js", assets + "router.js", assets + "pages/request.js",
                assets + "pages/resource-edit.js", assets + "pages/admin-rules.js", assets + "diff.js");
        assertThat(api.get("/assets/app.js", null).expect(200).header("Cache-Control")).isEqualTo("no-cache");
        api.get("/assets/no-such-module.js", null).expect(404);
    }

    @Test
    void theApiKeepsItsOwnPaths() {
        api.get("/api/v1/me", null).expectProblem(401, "unauthenticated");
        Response unknown = api.get("/api/v1/no-such-thing", RunningCountersign.ADMIN_TOKEN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/health", null).expect(200).header("Content-Type")).startsWith("application/json");
    }
}
