package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seven resource-type bundles through the running distribution, and a type leaving at run time. */
class ResourceTypesIT {

    private static final String WS = "/api/v1/workspaces/types";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void everyTypeValidatesItsConfigAndATypeCanLeaveAndComeBack() throws Exception {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))) {
            // the model type arrives as a plugin, so that it can be taken away while the server runs
            Path modelJar = TestBundles.jar(server.home().resolve("bundle"), "countersign-resource-model-");
            Path plugin = Files.move(modelJar, server.home().resolve("plugins").resolve(modelJar.getFileName()));
            server.start();
            Api api = server.api();
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).contains("model"));

            JsonNode types = api.get("/api/v1/resource-types", ADMIN_TOKEN).expect(200).json().get("items");
            assertThat(typeNames(api)).containsExactly("audience", "destination", "integration", "model", "policy",
                    "rules", "source", "sync");
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            types.forEach(t -> byName.put(t.get("name").asText(), t));
            assertThat(byName.values()).allSatisfy(t -> assertThat(t.at("/schema/type").asText()).isEqualTo("object"));
            assertThat(governed(byName)).containsExactly("integration", "model", "policy", "rules", "sync");
            assertThat(byName.get("sync").get("actions").toString()).contains("start", "enable", "debugger", "testrow");

            api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"types\",\"name\":\"Types\"}").expect(201);
            String source = create(api, "source", "{\"kind\":\"snowflake\",\"connection\":{\"account\":\"acme\"}}");
            String destination = create(api, "destination", "{\"kind\":\"hubspot\",\"secrets\":{\"token\":\"t\"}}");
            String model = create(api, "model", "{\"sourceId\":\"" + source + "\",\"query\":\"select * from users\","
                    + "\"primaryKey\":\"id\",\"columns\":[{\"name\":\"id\",\"type\":\"integer\"}]}");
            create(api, "audience", "{\"parentModelId\":\"" + model + "\",\"conditions\":[{\"column\":\"plan\","
                    + "\"operator\":\"equals\",\"value\":\"pro\"}]}");
            create(api, "sync", "{\"modelId\":\"" + model + "\",\"destinationId\":\"" + destination + "\",\"mode\":\"upsert\","
                    + "\"schedule\":{\"type\":\"cron\",\"cron\":\"0 6 * * MON-FRI\"}}");
            create(api, "policy", "{\"actions\":[{\"type\":\"mask\",\"columnTags\":[\"pii\"],\"maskWith\":\"hash\"}],"
                    + "\"dataSources\":[\"" + source + "\"]}");
            create(api, "integration", "{\"project\":\"billing\",\"version\":\"1.4.0\",\"connectors\":[{\"name\":\"erp\","
                    + "\"kind\":\"sap\"}]}");

            invalid(api, "audience", "{\"parentModelId\":\"" + model + "\",\"conditions\":[{\"column\":\"plan\","
                    + "\"operator\":\"resembles\"}]}", "/config/conditions/0/operator");
            invalid(api, "sync", "{\"modelId\":\"" + model + "\",\"destinationId\":\"" + destination + "\",\"mode\":\"upsert\","
                    + "\"schedule\":{\"type\":\"cron\",\"cron\":\"99 * * * *\"}}", "/config/schedule/cron");
            invalid(api, "policy", "{\"actions\":[],\"dataSources\":[]}", "/config/actions");
            invalid(api, "integration", "{\"project\":\"billing\",\"version\":\"latest\"}", "/config/version");
            invalid(api, "model", "{\"sourceId\":\"" + source + "\",\"query\":\"select 1\"}", "/config");

            Path staged = Files.copy(plugin, dir.resolve(plugin.getFileName()));
            Files.delete(plugin);
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).doesNotContain("model"));
            assertThat(api.get(WS + "/resources/" + model, ADMIN_TOKEN).expect(200).json().get("type").asText())
                    .isEqualTo("model");
            api.put(WS + "/resources/" + model + "/draft", ADMIN_TOKEN, "{\"name\":\"Renamed\"}")
                    .expectProblem(409, "type_unavailable");
            api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":\"x\",\"config\":{}}")
                    .expectProblem(400, "validation_failed");
            assertThat(api.get("/health", null).json().get("status").asText()).isEqualTo("UP");

            Files.copy(staged, plugin);
            Await.until(DEPLOY_TIMEOUT, () -> assertThat(typeNames(api)).contains("model"));
            api.put(WS + "/resources/" + model + "/draft", ADMIN_TOKEN, "{\"name\":\"Renamed\"}").expect(200);
        }
    }

    private static String create(Api api, String type, String config) {
        Response created = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"" + type + "\",\"name\":\"A " + type
                + "\",\"config\":" + config + ",\"mode\":\"publish\"}");
        return created.expect(201).json().get("id").asText();
    }

    private static void invalid(Api api, String type, String config, String path) {
        Response refused = api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"" + type + "\",\"name\":\"Bad " + type
                + "\",\"config\":" + config + "}");
        refused.expectProblem(400, "invalid_config");
        assertThat(refused.json().get("errors").findValuesAsText("path")).as(refused.toString()).contains(path);
    }

    private static List<String> governed(Map<String, JsonNode> types) {
        return types.values().stream().filter(t -> t.get("governed").asBoolean()).map(t -> t.get("name").asText())
                .toList();
    }

    private static List<String> typeNames(Api api) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/resource-types", ADMIN_TOKEN).json().get("items").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }
}
