package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear error and changes nothing (docs/domain.md#http-api): names that hide control characters or
 * bidirectional overrides, cursors the server never issued, promotion paths no one could mean.
 */
class BadInputIT {

    private static final String WS = "/api/v1/workspaces/input";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        new WorkspaceFixtures(api).workspace("input");
    }

    private static Response createSource(String name, String labels) {
        return api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"" + name + "\",\"labels\":"
                + labels + ",\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}},\"mode\":\"publish\"}");
    }

    @Test
    void namesAndLabelsWithControlOrBidiCharactersAreRefused() {
        int before = api.get(WS + "/resources", ADMIN_TOKEN).json().get("items").size();
        Response nul = createSource("ware\\u0000house", "{}");
        nul.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(nul)).containsExactly("/name");
        Response bidi = createSource("Warehouse", "{\"team\":\"gro\\u202Ewth\"}");
        bidi.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(bidi)).containsExactly("/labels/team");
        assertThat(api.get(WS + "/resources", ADMIN_TOKEN).json().get("items").size()).isEqualTo(before);

        Response workspace = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"bell\",\"name\":\"Ring\\u0007\"}");
        workspace.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(workspace)).containsExactly("/name");
        api.get("/api/v1/workspaces/bell", ADMIN_TOKEN).expectProblem(404, "not_found");

        Response user = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"mallory@example.com\","
                + "\"name\":\"Admin\\u2066istrator\"}");
        user.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(user)).containsExactly("/name");
        api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"mal\\u0000lory@example.com\",\"name\":\"M\"}")
                .expectProblem(400, "validation_failed");
        assertThat(api.get("/api/v1/users?limit=500", ADMIN_TOKEN).body()).doesNotContain("mallory");
    }

    @Test
    void aCursorTheServerDidNotIssueOrIssuedForAnotherListIsRefused() {
        for (int i = 0; i < 3; i++) {
            createSource("Source " + i, "{\"team\":\"paging\"}").expect(201);
        }
        String next = api.get(WS + "/resources?limit=1", ADMIN_TOKEN).expect(200).json().get("next").asText();
        api.get(WS + "/resources?limit=1&cursor=" + next, ADMIN_TOKEN).expect(200);

        String madeUp = Base64.getUrlEncoder().withoutPadding().encodeToString("res_0".getBytes(StandardCharsets.UTF_8));
        api.get(WS + "/resources?limit=1&cursor=" + madeUp, ADMIN_TOKEN).expectProblem(400, "validation_failed");
        api.get(WS + "/resources?limit=1&cursor=%2A%2A", ADMIN_TOKEN).expectProblem(400, "validation_failed");
        // the same list with other filters, and another list altogether, do not take it
        api.get(WS + "/resources?limit=1&type=model&cursor=" + next, ADMIN_TOKEN).expectProblem(400, "validation_failed");
        api.get("/api/v1/users?limit=1&cursor=" + next, ADMIN_TOKEN).expectProblem(400, "validation_failed");
        api.get(WS + "/requests?cursor=" + next, ADMIN_TOKEN).expectProblem(400, "validation_failed");
    }

    @Test
    void environmentsAreNamedLikeSlugsAndAtMostTwenty() {
        String many = IntStream.rangeClosed(1, 21).mapToObj(i -> "\"env-" + i + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"environments\":" + many + "}").expectProblem(400, "validation_failed");
        Response names = api.patch(WS + "/settings", ADMIN_TOKEN, "{\"environments\":[\"Prod\",\"qa env\",\"ok-1\"]}");
        names.expectProblem(400, "validation_failed");
        assertThat(WorkspaceFixtures.errorPaths(names)).containsExactly("/environments/0", "/environments/1");
        assertThat(api.get(WS + "/settings", ADMIN_TOKEN).json().get("environments").toString())
                .isEqualTo("[\"production\"]");
    }
}
