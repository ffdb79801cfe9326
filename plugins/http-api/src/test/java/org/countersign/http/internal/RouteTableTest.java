package org.countersign.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.http.internal.console.ConsoleDispatch;
import org.countersign.http.internal.console.SignInRoutes;
import org.countersign.http.internal.metrics.HttpMetrics;
import org.countersign.http.internal.metrics.PrometheusTelemetry;
import org.countersign.http.internal.support.Authentication;
import org.junit.jupiter.api.Test;

/**
 * The API's description and the server agree method by method: every route the server has (the console's sign-in
 * endpoints included) is in {@code openapi.json} under the same path template, and every operation there is a
 * route. Routes only hold their services, so the table is built here without any.
 */
class RouteTableTest {

    private static final Set<HandlerType> OPERATIONS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static final Set<String> DESCRIBED = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyRouteIsDescribedAndEveryDescribedOperationIsARoute() throws IOException {
        assertThat(served()).isEqualTo(described());
    }

    private static Set<String> served() {
        HttpApiServer.Services none = new HttpApiServer.Services(null, null, null, null, null, null, null, null, null,
                null, null, null);
        HttpMetrics metrics = new HttpMetrics(new PrometheusTelemetry(null));
        Javalin app = ApiApplication.create(new ApiApplication.Settings("127.0.0.1", 0, 1024),
                new Authentication(null, null, null), metrics, new ConsoleDispatch(() -> null),
                HttpApiServer.routeGroups(none, metrics, new SignInRoutes(null, null, null, null, false, false),
                        "http://localhost"));
        Set<String> routes = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().forEach(parsed -> {
            Endpoint endpoint = parsed.endpoint;
            if (OPERATIONS.contains(endpoint.method)) {
                routes.add(endpoint.method.name() + " " + endpoint.path);
            }
        });
        return routes;
    }

    private static Set<String> described() throws IOException {
        JsonNode paths;
        try (InputStream in = RouteTableTest.class.getResourceAsStream("/openapi.json")) {
            paths = new ObjectMapper().readTree(in).get("paths");
        }
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (DESCRIBED.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(operations).as("operations in openapi.json").hasSizeGreaterThan(50);
        return operations;
    }
}
