package org.countersign.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.HttpMetrics;
import org.countersign.http.internal.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the server refuses before a route runs, over real HTTP: Jetty's own refusals and odd paths as problem details. */
class ApiHardeningTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        // no route here needs a caller, and refused paths never reach authentication
        app = ApiApplication.create(new ApiApplication.Settings("127.0.0.1", 0, 1024), new Authentication(null),
                new HttpMetrics(), List.of(routes -> routes.get("/open/{name}", ctx -> ctx.result(ctx.pathParam("name")))));
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
}
