package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.errorPaths;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or sloppy input at the HTTP layer of one running distribution: JSON bodies with trailing text,
 * duplicate keys, coercible scalars and lone surrogates; malformed URLs and messages Jetty refuses; token
 * case variants on a reused connection; and repeated bad tokens from one address.
 */
class HttpHardeningIT {

    private static final String WS = "/api/v1/workspaces/hard";
    // each socket-level scenario connects from its own loopback address, so that failures counted against one
    // address by the throttle never reach another scenario
    private static final String ATTACKER = "127.0.0.2";
    private static final String NEIGHBOUR = "127.0.0.3";
    private static final String KEEP_ALIVE_CLIENT = "127.0.0.4";
    private static final String PROBE = "127.0.0.5";
    private static final int MAX_FAILURES = 3;
    private static final long BLOCK_SECONDS = 3600;

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fixtures;

    @BeforeAll
    static void start() {
        server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_AUTH_THROTTLE_MAX_FAILURES", Integer.toString(MAX_FAILURES))
                // blocks outlast the test, so nothing depends on timing
                .env("COUNTERSIGN_AUTH_THROTTLE_BLOCK_MS", Long.toString(BLOCK_SECONDS * 1000))
                .env("COUNTERSIGN_AUTH_THROTTLE_BLOCK_MAX_MS", Long.toString(2 * BLOCK_SECONDS * 1000))
                .start();
        api = server.api();
        fixtures = new WorkspaceFixtures(api);
        fixtures.workspace("hard");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String source(String name, String connection) {
        return "{\"type\":\"source\",\"name\":\"" + name + "\",\"config\":{\"kind\":\"postgres\",\"connection\":"
                + connection + "}}";
    }

    private static Response createResource(String body) {
        return api.post(WS + "/resources", ADMIN_TOKEN, body);
    }

    private static List<String> resourceNames() {
        return WorkspaceFixtures.texts(api.get(WS + "/resources?limit=500", ADMIN_TOKEN).expect(200).json().get("items"),
                "name");
    }

    private static List<String> userEmails() {
        return WorkspaceFixtures.texts(api.get("/api/v1/users?limit=500", ADMIN_TOKEN).expect(200).json().get("items"),
                "email");
    }

    /** A body on one endpoint: the method, the path, a JSON value it accepts. */
    private record Endpoint(String method, String path, String body) {
        Response send(String text) {
            return api.withBody(method, path, ADMIN_TOKEN, text);
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/users", "{\"email\":\"trail@example.com\",\"name\":\"Trail\"}"),
            new Endpoint("POST", "/api/v1/workspaces", "{\"slug\":\"trail\",\"name\":\"Trail\"}"),
            new Endpoint("POST", "/api/v1/me/api-keys", "{\"name\":\"trail\"}"),
            new Endpoint("PATCH", WS + "/settings", "{\"requireApprovals\":true}"),
            new Endpoint("PUT", WS + "/roles/trail", "{\"description\":\"Trail\",\"statements\":[]}"),
            new Endpoint("POST", WS + "/resources", source("Trail", "{\"host\":\"db\"}")));

    @Test
    void aBodyFollowedByMoreTextIsInvalidJson() {
        for (Endpoint endpoint : ENDPOINTS) {
            for (String trailing : List.of(" {\"name\":\"x\"}", " x", "}", " 1", " \"more\"", "\n[]")) {
                endpoint.send(endpoint.body() + trailing).expectProblem(400, "invalid_json");
            }
        }
        // nothing of it was applied
        assertThat(userEmails()).doesNotContain("trail@example.com");
        api.get("/api/v1/workspaces/trail", ADMIN_TOKEN).expectProblem(404, "not_found");
        assertThat(WorkspaceFixtures.texts(api.get("/api/v1/me/api-keys", ADMIN_TOKEN).json().get("items"), "name"))
                .doesNotContain("trail");
        assertThat(api.get(WS + "/settings", ADMIN_TOKEN).json().get("requireApprovals").asBoolean()).isFalse();
        assertThat(WorkspaceFixtures.texts(api.get(WS + "/roles", ADMIN_TOKEN).json().get("items"), "name"))
                .doesNotContain("trail");
        assertThat(resourceNames()).doesNotContain("Trail");
        // the same body alone is accepted
        ENDPOINTS.get(0).send(ENDPOINTS.get(0).body()).expect(201);
    }

    @Test
    void duplicateKeysAreInvalidJson() {
        api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"dup@example.com\",\"name\":\"A\",\"name\":\"B\"}")
                .expectProblem(400, "invalid_json");
        api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"dup@example.com\",\"name\":\"A\",\"email\":\"other@example.com\"}")
                .expectProblem(400, "invalid_json");
        createResource(source("Dup", "{\"host\":\"a\",\"host\":\"b\"}")).expectProblem(400, "invalid_json");
        createResource("{\"type\":\"source\",\"name\":\"Dup\",\"labels\":{\"team\":\"a\",\"team\":\"b\"},"
                + "\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"a\"}}}").expectProblem(400, "invalid_json");
        api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true,\"requireApprovals\":false}")
                .expectProblem(400, "invalid_json");
        api.put(WS + "/roles/dup", ADMIN_TOKEN, "{\"description\":\"a\",\"description\":\"b\",\"statements\":[]}")
                .expectProblem(400, "invalid_json");

        assertThat(userEmails()).doesNotContain("dup@example.com", "other@example.com");
        assertThat(resourceNames()).doesNotContain("Dup");
        assertThat(api.get(WS + "/settings", ADMIN_TOKEN).json().get("requireApprovals").asBoolean()).isFalse();
    }

    @Test
    void scalarsAreNotCoercedIntoStrings() {
        Response label = createResource("{\"type\":\"source\",\"name\":\"Coerced\",\"labels\":{\"team\":5},"
                + "\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}}}");
        label.expectProblem(400, "validation_failed");
        assertThat(errorPaths(label)).containsExactly("/labels/team");

        Response owners = createResource("{\"type\":\"source\",\"name\":\"Coerced\",\"owners\":[7],"
                + "\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}}}");
        owners.expectProblem(400, "validation_failed");
        assertThat(errorPaths(owners)).containsExactly("/owners/0");

        Response name = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"coerced@example.com\",\"name\":true}");
        name.expectProblem(400, "validation_failed");
        assertThat(errorPaths(name)).containsExactly("/name");

        Response flag = api.post("/api/v1/users", ADMIN_TOKEN,
                "{\"email\":\"coerced@example.com\",\"name\":\"C\",\"instanceAdmin\":\"true\"}");
        flag.expectProblem(400, "validation_failed");
        assertThat(errorPaths(flag)).containsExactly("/instanceAdmin");

        Response description = api.put(WS + "/roles/coerced", ADMIN_TOKEN, "{\"description\":1.5,\"statements\":[]}");
        description.expectProblem(400, "validation_failed");
        assertThat(errorPaths(description)).containsExactly("/description");

        Response request = api.post(WS + "/requests", ADMIN_TOKEN, "{\"kind\":\"publish\",\"resources\":[123]}");
        request.expectProblem(400, "validation_failed");
        assertThat(errorPaths(request)).containsExactly("/resources/0");

        assertThat(resourceNames()).doesNotContain("Coerced");
        assertThat(userEmails()).doesNotContain("coerced@example.com");
    }

    @Test
    void numbersAndBooleansInConfigStayWhatTheyWere() {
        Response created = createResource(source("Typed", "{\"host\":\"db\",\"port\":5432,\"ssl\":true}")).expect(201);
        String id = created.json().get("id").asText();
        for (JsonNode resource : List.of(created.json(), api.get(WS + "/resources/" + id, ADMIN_TOKEN).expect(200).json())) {
            JsonNode connection = resource.at("/draft/config/connection");
            assertThat(connection.get("port").isInt()).as(connection.toString()).isTrue();
            assertThat(connection.get("port").asInt()).isEqualTo(5432);
            assertThat(connection.get("ssl").isBoolean()).as(connection.toString()).isTrue();
            assertThat(connection.get("host").asText()).isEqualTo("db");
        }
        // the schema still sees a string where it wants a number: no coercion the other way either
        Response asText = createResource(source("Typed as text", "{\"host\":\"db\",\"port\":\"5432\"}"));
        asText.expectProblem(400, "invalid_config");
    }

    @Test
    void loneSurrogatesAreRefusedAtTheirPath() {
        assertRefusedAt(createResource(source("Broken \\ud800 name", "{\"host\":\"db\"}")), "/name");
        assertRefusedAt(createResource("{\"type\":\"source\",\"name\":\"Lone label\",\"labels\":{\"team\":\"x\\udc00\"},"
                + "\"config\":{\"kind\":\"postgres\",\"connection\":{\"host\":\"db\"}}}"), "/labels/team");
        assertRefusedAt(createResource(source("Lone value", "{\"host\":\"db\\udbff\"}")), "/config/connection/host");
        assertRefusedAt(createResource(source("Lone key", "{\"ho\\ud800st\":\"db\"}")), "/config/connection/ho\ud800st");
        assertRefusedAt(createResource("{\"type\":\"source\",\"name\":\"Lone secret\",\"config\":{\"kind\":\"postgres\","
                + "\"connection\":{\"host\":\"db\"},\"secrets\":{\"password\":\"\\ud83d\"}}}"), "/config/secrets/password");
        assertRefusedAt(api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"lone@example.com\",\"name\":\"\\ude00\"}"),
                "/name");
        assertRefusedAt(api.patch(WS + "/settings", ADMIN_TOKEN, "{\"timezone\":\"Europe/\\ud800\"}"), "/timezone");

        assertThat(resourceNames()).noneMatch(n -> n.startsWith("Broken") || n.startsWith("Lone") || n.contains("?"));
        assertThat(userEmails()).doesNotContain("lone@example.com");

        // a surrogate pair is a character like any other, and comes back as it was sent
        String id = createResource(source("Rocket \\ud83d\\ude80", "{\"host\":\"db\"}")).expect(201).json().get("id").asText();
        assertThat(api.get(WS + "/resources/" + id, ADMIN_TOKEN).json().get("name").asText()).isEqualTo("Rocket \uD83D\uDE80");
    }

    private static void assertRefusedAt(Response response, String path) {
        response.expectProblem(400, "validation_failed");
        assertThat(errorPaths(response)).containsExactly(path);
    }

    @Test
    void malformedUrlPathsAreProblemDetails() {
        for (String path : List.of("/api/v1/workspaces/a%00b", "/api/v1/%ff", "/api/v1/\u00ff", "/api/v1/a\u0000b",
                "/api/v1/workspaces/a%2Fb", "/api/v1//me", "/api/v1/%2e%2e/me", "/api/v1/workspaces/a%5Cb",
                "/api/v1/workspaces/a%09b", "/api/v1/workspaces/a%C2%85b", "/api/v1/%zz", "/api/v1/workspaces/%c0%af")) {
            RawHttp.Response response = probe(RawHttp.get(path, ADMIN_TOKEN));
            response.expectProblem(400, "invalid_request");
            assertThat(response.header("X-Request-Id")).as(path).isNotBlank();
            assertThat(response.json().get("title").asText()).isEqualTo("Bad request");
        }
        // not only for GET
        probe("DELETE /api/v1/workspaces/a%00b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expectProblem(400, "invalid_request");
        // an incoming request id is echoed on Jetty's refusals too
        assertThat(probe("GET /api/v1/%ff HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: trace-ff\r\n\r\n")
                .expectProblem(400, "invalid_request").header("X-Request-Id")).isEqualTo("trace-ff");
    }

    @Test
    void everyErrorJettyProducesIsAProblem() {
        probe(RawHttp.get("/api/v1/" + "a".repeat(10_000), null)).expectProblem(414, "uri_too_long");
        probe("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(10_000) + "\r\n\r\n")
                .expectProblem(431, "headers_too_large");
        probe("GET /api/v1/me HTTP/9.1\r\nHost: 127.0.0.1\r\n\r\n").expectProblem(505, "http_version_not_supported");
        probe("GET /api/v1/me HTTP/1.1\r\n\r\n").expectProblem(400, "invalid_request");
        probe("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n").expectProblem(400, "invalid_request");
        probe("POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").expectProblem(400, "invalid_request");
        probe("POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: many\r\n\r\n")
                .expectProblem(400, "invalid_request");
        // a body whose chunking is broken is the client's fault, not a server failure
        probe("POST /api/v1/workspaces HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                .expectProblem(400, "invalid_request");
        assertThat(server.log()).doesNotContain("Early EOF");
    }

    /** One request on a fresh connection from {@link #PROBE}. */
    private static RawHttp.Response probe(String request) {
        try (RawHttp connection = RawHttp.connect(PROBE, server.port())) {
            return connection.send(request);
        }
    }

    @Test
    void aCaseVariantOfAUsedTokenFailsOnTheSameConnection() {
        Person carol = fixtures.person("carol@example.com");
        String upper = carol.token().toUpperCase(Locale.ROOT);
        String oneLetterFlipped = flipLastLetter(carol.token());
        try (RawHttp connection = RawHttp.connect(KEEP_ALIVE_CLIENT, server.port())) {
            RawHttp.Response first = connection.send(RawHttp.get("/api/v1/me", carol.token()));
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.json().get("email").asText()).isEqualTo("carol@example.com");
            assertThat(first.header("Connection")).isNull();

            connection.send(RawHttp.get("/api/v1/me", upper)).expectProblem(401, "unauthenticated");
            connection.send(RawHttp.get("/api/v1/me", oneLetterFlipped)).expectProblem(401, "unauthenticated");

            // the connection stayed open throughout, and the exact token still works on it
            RawHttp.Response again = connection.send(RawHttp.get("/api/v1/me", carol.token()));
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
        }
    }

    private static String flipLastLetter(String token) {
        for (int i = token.length() - 1; i >= 0; i--) {
            char c = token.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return token.substring(0, i) + flipped + token.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("No letter in the token");
    }

    @Test
    void repeatedBadTokensFromOneAddressAreSlowedDownAndNobodyElse() {
        Person dave = fixtures.person("dave@example.com");
        Person erin = fixtures.person("erin@example.com");
        // dave works from the address an attacker will share
        assertThat(me(ATTACKER, dave.token()).status()).isEqualTo(200);

        for (int i = 0; i < MAX_FAILURES; i++) {
            me(ATTACKER, "cs_guess-" + i + "-0123456789abcdefghijklmnopqrstuv").expectProblem(401, "unauthenticated");
        }
        RawHttp.Response blocked = me(ATTACKER, "cs_guess-next-0123456789abcdefghijklmnopqrstuv")
                .expectProblem(429, "too_many_requests");
        assertRetryAfter(blocked);
        // a valid token new to this address is refused unseen: the answer tells a guesser nothing
        assertRetryAfter(me(ATTACKER, erin.token()).expectProblem(429, "too_many_requests"));
        // the token that worked here before keeps working
        RawHttp.Response known = me(ATTACKER, dave.token());
        assertThat(known.status()).as(known.toString()).isEqualTo(200);
        assertThat(known.json().get("email").asText()).isEqualTo("dave@example.com");
        // no token at all is not an attempt
        me(ATTACKER, null).expectProblem(401, "unauthenticated");

        // another address is not affected: its valid token works, its bad token is a plain 401
        RawHttp.Response neighbour = me(NEIGHBOUR, erin.token());
        assertThat(neighbour.status()).as(neighbour.toString()).isEqualTo(200);
        me(NEIGHBOUR, "cs_typo-0123456789abcdefghijklmnopqrstuvwxyz").expectProblem(401, "unauthenticated");
        api.get("/api/v1/me", ADMIN_TOKEN).expect(200);
    }

    private static RawHttp.Response me(String from, String token) {
        try (RawHttp connection = RawHttp.connect(from, server.port())) {
            return connection.send(RawHttp.get("/api/v1/me", token));
        }
    }

    private static void assertRetryAfter(RawHttp.Response response) {
        String retryAfter = response.header("Retry-After");
        assertThat(retryAfter).as(response.toString()).matches("[0-9]+");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, BLOCK_SECONDS);
    }
}
