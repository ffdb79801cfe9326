package org.countersign.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.ApiKey;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.IssuedApiKey;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.User;
import org.countersign.api.storage.Page;
import org.countersign.http.internal.console.ConsoleDispatch;
import org.countersign.http.internal.metrics.HttpMetrics;
import org.countersign.http.internal.metrics.PrometheusTelemetry;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.throttle.CredentialThrottle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the server refuses before a route runs, over real HTTP: Jetty's own refusals and odd paths as problem
 * details, and the throttling of bad tokens in front of a stand-in identity service.
 */
class ApiHardeningTest {

    private static final String GOOD_TOKEN = "cs_good-token-of-alice";
    private static final String OTHER_GOOD_TOKEN = "cs_good-token-of-bob";

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        CredentialThrottle throttle = new CredentialThrottle(new CredentialThrottle.Limits(3, Duration.ofMinutes(1),
                Duration.ofMinutes(10), Duration.ofHours(1), 100, 4), Clock.systemUTC());
        app = ApiApplication.create(new ApiApplication.Settings("127.0.0.1", 0, 1024),
                new Authentication(new TwoTokens(), null, throttle), new HttpMetrics(new PrometheusTelemetry(null)), new ConsoleDispatch(() -> null),
                List.of(routes -> {
                    routes.get("/api/v1/whoami", ctx -> ctx.result(Authentication.actor(ctx).user().email()));
                    routes.get("/open/{name}", ctx -> ctx.result(ctx.pathParam("name")));
                }));
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    }

    private HttpResponse<String> whoami(String token) throws Exception {
        return send(request("/api/v1/whoami").header("Authorization", "Bearer " + token));
    }

    private static JsonNode problem(HttpResponse<String> response, int status, String code) throws Exception {
        HttpRequest request = response.request();
        assertThat(response.statusCode()).as(request.method() + " " + request.uri() + " " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        return problem;
    }

    @Test
    void pathsJettyRefusesAreProblemDetailsForEveryMethod() throws Exception {
        for (String path : List.of("/open/a%00b", "/open/%ff", "/open/%c0%af", "/open/%ed%a0%80", "/open/a%2Fb",
                "/open/..%2F", "/open/%2e%2e/x", "/open//x", "/open/a%5Cb", "/open/..;/x")) {
            for (String method : List.of("GET", "PUT", "DELETE", "OPTIONS")) {
                JsonNode problem = problem(send(request(path).method(method, HttpRequest.BodyPublishers.noBody())),
                        400, "invalid_request");
                assertThat(problem.get("title").asText()).isEqualTo("Bad request");
            }
        }
    }

    @Test
    void anEchoedRequestIdIsKeptOnJettysRefusals() throws Exception {
        HttpResponse<String> response = send(request("/open/%ff").header("X-Request-Id", "trace-7"));
        problem(response, 400, "invalid_request");
        assertThat(response.headers().firstValue("X-Request-Id")).contains("trace-7");
    }

    @Test
    void controlCharactersInThePathAreRefused() throws Exception {
        for (String path : List.of("/open/a%09b", "/open/a%0Ab", "/open/a%0D%0Ab", "/open/a%7Fb", "/api/v1/a%1Bb",
                "/open/a%C2%85b", "/open/a%C2%9Bb")) {
            problem(send(request(path)), 400, "invalid_request");
        }
        assertThat(send(request("/open/caf%C3%A9")).body()).isEqualTo("caf\u00e9");
    }

    @Test
    void oversizedUrisAndHeadersAreProblemDetails() throws Exception {
        problem(send(request("/open/" + "a".repeat(10_000))), 414, "uri_too_long");
        problem(send(request("/open/x").header("X-Padding", "a".repeat(10_000))), 431, "headers_too_large");
    }

    @Test
    void repeatedBadTokensAreAnswered429UntilTheBlockEnds() throws Exception {
        assertThat(whoami(GOOD_TOKEN).body()).isEqualTo("alice@example.com");
        for (int i = 0; i < 3; i++) {
            problem(whoami("cs_bad-" + i), 401, "unauthenticated");
        }
        HttpResponse<String> blocked = whoami("cs_bad-again");
        problem(blocked, 429, "too_many_requests");
        long retryAfter = Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 600L);

        // a valid token that never worked from here is not even looked at
        problem(whoami(OTHER_GOOD_TOKEN), 429, "too_many_requests");
        // the one that worked before keeps working
        assertThat(whoami(GOOD_TOKEN).statusCode()).isEqualTo(200);
        // requests without a token are not attempts: they stay 401
        problem(send(request("/api/v1/whoami")), 401, "unauthenticated");
    }

    @Test
    void bearerTokensAreComparedExactly() throws Exception {
        assertThat(whoami(GOOD_TOKEN).statusCode()).isEqualTo(200);
        problem(whoami(GOOD_TOKEN.toUpperCase()), 401, "unauthenticated");
        problem(whoami(GOOD_TOKEN + "x"), 401, "unauthenticated");
        // the scheme is case-insensitive (RFC 9110), the token is not
        assertThat(send(request("/api/v1/whoami").header("Authorization", "bearer " + GOOD_TOKEN)).statusCode())
                .isEqualTo(200);
    }

    /** Knows two tokens; everything else about identity is out of scope here. */
    private static final class TwoTokens implements IdentityService {

        @Override
        public Optional<Actor> authenticate(String bearerToken, String requestId) {
            String email = switch (bearerToken) {
                case GOOD_TOKEN -> "alice@example.com";
                case OTHER_GOOD_TOKEN -> "bob@example.com";
                default -> null;
            };
            return Optional.ofNullable(email).map(e -> new Actor(new User("usr_" + e, e, e, false, Instant.EPOCH),
                    "key_" + e, requestId));
        }

        @Override
        public User createUser(Actor actor, NewUser user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public User user(Actor actor, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<User> users(Actor actor, String cursor, Integer limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IssuedApiKey createApiKey(Actor actor, String userId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApiKey> apiKeys(Actor actor, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revokeApiKey(Actor actor, String userId, String keyId) {
            throw new UnsupportedOperationException();
        }
    }
}
