package org.countersign.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.countersign.api.error.ConflictException;
import org.countersign.http.internal.console.ConsoleDispatch;
import org.countersign.http.internal.metrics.HttpMetrics;
import org.countersign.http.internal.metrics.PrometheusTelemetry;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The problem mapping over real HTTP, for failures the running product cannot be made to produce on demand. */
class ApiApplicationTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        // routes outside /api/v1 never authenticate, so no identity service is needed here
        app = ApiApplication.create(new ApiApplication.Settings("127.0.0.1", 0, 1024), new Authentication(null, null, null),
                new HttpMetrics(new PrometheusTelemetry(null)), new ConsoleDispatch(() -> null), List.of(routes -> {
                    routes.get("/boom", ctx -> {
                        throw new IllegalStateException("secret internals at com.example.Foo.bar(Foo.java:42)");
                    });
                    routes.post("/conflict", ctx -> {
                        throw new ConflictException("invalid_state", "The request is already applied");
                    });
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

    @Test
    void unexpectedFailuresAnswer500WithoutInternals() throws Exception {
        HttpResponse<String> response = send(request("/boom"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("internal_error");
        assertThat(problem.get("detail").asText()).contains(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(response.body()).doesNotContain("secret", "Foo.java", "IllegalStateException");
    }

    @Test
    void countersignExceptionsKeepTheirStatusAndCode() throws Exception {
        HttpResponse<String> response = send(request("/conflict").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = Json.MAPPER.readTree(response.body());
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
        assertThat(problem.get("title").asText()).isEqualTo("Conflict");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("code").asText()).isEqualTo("invalid_state");
    }

    @Test
    void bodyLimitAndMediaTypeAreCheckedBeforeTheRoute() throws Exception {
        HttpResponse<String> tooLarge = send(request("/conflict").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"" + "x".repeat(2000) + "\"}")));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        HttpResponse<String> notJson = send(request("/conflict").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")));
        assertThat(notJson.statusCode()).isEqualTo(415);
        HttpResponse<String> jsonVariant = send(request("/conflict").header("Content-Type", "application/merge-patch+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(jsonVariant.statusCode()).isEqualTo(409);
    }
}
