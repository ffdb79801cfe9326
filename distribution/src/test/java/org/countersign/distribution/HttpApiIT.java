package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API of one running distribution: authentication, errors, users, keys, system endpoints. */
class HttpApiIT {

    @TempDir
    static Path dir;

    static RunningCountersign server;
    static Api api;

    @BeforeAll
    static void start() {
        server = RunningCountersign.installIn(dir.resolve("countersign"))
                .env("COUNTERSIGN_HTTP_MAX_BODY_BYTES", "4096")
                .start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newUserToken(String email) {
        Response user = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"" + email + "\",\"name\":\"Test\"}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        Response key = api.post("/api/v1/users/" + user.json().get("id").asText() + "/api-keys", ADMIN_TOKEN,
                "{\"name\":\"test\"}");
        assertThat(key.status()).as(key.toString()).isEqualTo(201);
        return key.json().get("token").asText();
    }

    @Test
    void healthIsUpWithEveryBundleActiveAndNeedsNoToken() {
        Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/storage/kind").asText()).isEqualTo("sqlite");
        assertThat(body.at("/bundles/notActive")).isEmpty();
        assertThat(body.at("/bundles/byState/ACTIVE").asInt()).isEqualTo(body.at("/bundles/total").asInt());
    }

    @Test
    void everyResponseCarriesARequestIdAndEchoesAValidOne() {
        assertThat(api.get("/health", null).header("X-Request-Id")).matches("[0-9a-f-]{36}");
        Response echoed = api.send(api.request("/api/v1/me").header("X-Request-Id", "trace-42.a"));
        assertThat(echoed.status()).isEqualTo(401);
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42.a");
        Response replaced = api.send(api.request("/health").header("X-Request-Id", "bad id\u00e9"));
        assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void refusesMissingMalformedAndUnknownTokens() {
        for (Response response : List.of(
                api.get("/api/v1/me", null),
                api.send(api.request("/api/v1/me").header("Authorization", "Basic YWRtaW46YWRtaW4=")),
                api.get("/api/v1/me", "cs_not-a-token-that-exists-anywhere-000000000"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void aRevokedTokenFailsAtOnce() {
        Response created = api.post("/api/v1/me/api-keys", ADMIN_TOKEN, "{\"name\":\"short-lived\"}");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        String keyId = created.json().get("id").asText();
        assertThat(token).startsWith("cs_").hasSizeGreaterThanOrEqualTo(43);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/me/api-keys/" + keyId, ADMIN_TOKEN).status()).isEqualTo(204);

        Response after = api.get("/api/v1/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.code()).isEqualTo("unauthenticated");
        JsonNode keys = api.get("/api/v1/me/api-keys", ADMIN_TOKEN).json().get("items");
        JsonNode revoked = null;
        for (JsonNode key : keys) {
            assertThat(key.has("token")).isFalse();
            assertThat(key.has("tokenHash")).isFalse();
            if (key.get("id").asText().equals(keyId)) {
                revoked = key;
            }
        }
        assertThat(revoked).isNotNull();
        assertThat(revoked.get("active").asBoolean()).isFalse();
    }

    @Test
    void meDescribesTheCaller() {
        JsonNode me = api.get("/api/v1/me", ADMIN_TOKEN).json();
        assertThat(me.get("email").asText()).isEqualTo("admin@localhost");
        assertThat(me.get("instanceAdmin").asBoolean()).isTrue();
        assertThat(me.get("memberships").isArray()).isTrue();
    }

    @Test
    void instanceAdminsManageUsersAndOthersAreRefused() {
        String token = newUserToken("Dana@Example.com");
        JsonNode me = api.get("/api/v1/me", token).json();
        assertThat(me.get("email").asText()).isEqualTo("dana@example.com");
        assertThat(me.get("instanceAdmin").asBoolean()).isFalse();

        Response duplicate = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"DANA@example.com\",\"name\":\"Again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("conflict");

        for (Response refused : List.of(
                api.get("/api/v1/users", token),
                api.post("/api/v1/users", token, "{\"email\":\"x@example.com\",\"name\":\"X\"}"),
                api.get("/api/v1/system/bundles", token),
                api.post("/api/v1/users/" + api.get("/api/v1/me", ADMIN_TOKEN).json().get("id").asText() + "/api-keys",
                        token, "{\"name\":\"steal\"}"))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("forbidden");
        }
        // a user manages their own keys
        Response own = api.post("/api/v1/me/api-keys", token, "{\"name\":\"laptop\"}");
        assertThat(own.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/me/api-keys", token).json().get("items")).hasSize(2);
    }

    @Test
    void listsUsersPageByPage() {
        for (int i = 0; i < 3; i++) {
            newUserToken("pager" + i + "@example.com");
        }
        Set<String> seen = new HashSet<>();
        String cursor = "";
        int pages = 0;
        while (cursor != null) {
            JsonNode page = api.get("/api/v1/users?limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor), ADMIN_TOKEN).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(u -> assertThat(seen.add(u.get("id").asText())).isTrue());
            cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
            pages++;
        }
        assertThat(seen.size()).isGreaterThanOrEqualTo(4);
        assertThat(pages).isGreaterThanOrEqualTo(2);
        Response badLimit = api.get("/api/v1/users?limit=0", ADMIN_TOKEN);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.code()).isEqualTo("validation_failed");
    }

    @Test
    void malformedInputGetsTheProblemTheSpecNames() {
        Response unknownField = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"u@example.com\",\"name\":\"U\",\"id\":\"mine\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.code()).isEqualTo("unknown_field");
        assertThat(unknownField.json().at("/errors/0/path").asText()).isEqualTo("/id");

        Response malformed = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\": ");
        assertThat(malformed.code()).isEqualTo("invalid_json");

        Response wrongType = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"w@example.com\",\"name\":\"W\",\"instanceAdmin\":\"yes\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("validation_failed");

        Response invalid = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"not-an-email\",\"name\":\"\"}");
        assertThat(invalid.code()).isEqualTo("validation_failed");
        assertThat(invalid.json().get("errors").findValuesAsText("path")).containsExactly("/email", "/name");

        Response notJson = api.send(api.request("/api/v1/users").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")));
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.code()).isEqualTo("unsupported_media_type");

        Response tooLarge = api.post("/api/v1/users", ADMIN_TOKEN, "{\"name\":\"" + "x".repeat(5000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("body_too_large");

        Response noRoute = api.get("/api/v1/nothing-here", ADMIN_TOKEN);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.code()).isEqualTo("not_found");

        Response wrongMethod = api.send(api.request("/api/v1/me").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");

        Response unknownUser = api.get("/api/v1/users/usr_missing", ADMIN_TOKEN);
        assertThat(unknownUser.status()).isEqualTo(404);
        assertThat(unknownUser.code()).isEqualTo("not_found");

        // nothing of the refused requests was stored
        JsonNode users = api.get("/api/v1/users?limit=500", ADMIN_TOKEN).json().get("items");
        assertThat(users.findValuesAsText("email")).doesNotContain("u@example.com", "w@example.com", "not-an-email");
    }

    @Test
    void publicEndpointsDescribeTheApiAndExposeMetrics() {
        JsonNode openApi = api.get("/api/v1/openapi.json", null).json();
        assertThat(openApi.get("openapi").asText()).startsWith("3.1");
        for (String path : List.of("/api/v1/me/api-keys", "/api/v1/workspaces/{ws}/settings",
                "/api/v1/workspaces/{ws}/roles/{name}", "/api/v1/workspaces/{ws}/audit/export",
                "/api/v1/workspaces/{ws}/resources/{id}/draft", "/api/v1/workspaces/{ws}/requests/{rid}/approve")) {
            assertThat(openApi.get("paths").has(path)).as(path).isTrue();
        }

        api.get("/api/v1/me", ADMIN_TOKEN);
        Response metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body()).contains("countersign_http_requests_total{method=\"GET\",route=\"/api/v1/me\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void listsBundlesAndResourceTypes() {
        JsonNode bundles = api.get("/api/v1/system/bundles", ADMIN_TOKEN).json().get("items");
        List<String> active = new ArrayList<>();
        bundles.forEach(b -> {
            if (b.get("state").asText().equals("ACTIVE")) {
                active.add(b.get("symbolicName").asText());
            }
        });
        assertThat(active).contains("org.countersign.api", "org.countersign.core", "org.countersign.store.sqlite",
                "org.countersign.http", "org.countersign.resource.source", "org.apache.felix.scr");

        JsonNode types = api.get("/api/v1/resource-types", ADMIN_TOKEN).json().get("items");
        List<String> names = new ArrayList<>();
        types.forEach(type -> names.add(type.get("name").asText()));
        assertThat(names).containsExactly("audience", "destination", "integration", "model", "policy", "rules", "source",
                "sync");
        JsonNode source = types.get(names.indexOf("source"));
        assertThat(source.get("name").asText()).isEqualTo("source");
        assertThat(source.get("governed").asBoolean()).isFalse();
        assertThat(source.at("/schema/type").asText()).isEqualTo("object");
    }

    @Test
    void concurrentWritesAllSucceed() throws Exception {
        int requests = 40;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String name = "parallel-" + i;
            futures.add(CompletableFuture.supplyAsync(
                    () -> api.post("/api/v1/me/api-keys", ADMIN_TOKEN, "{\"name\":\"" + name + "\"}"), pool));
        }
        Set<String> tokens = new HashSet<>();
        for (CompletableFuture<Response> future : futures) {
            Response response = future.get(2, TimeUnit.MINUTES);
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            tokens.add(response.json().get("token").asText());
        }
        pool.shutdown();
        assertThat(tokens).hasSize(requests);
        JsonNode keys = api.get("/api/v1/me/api-keys", ADMIN_TOKEN).json().get("items");
        assertThat(keys.findValuesAsText("name").stream().filter(n -> n.startsWith("parallel-"))).hasSize(requests);
    }
}
