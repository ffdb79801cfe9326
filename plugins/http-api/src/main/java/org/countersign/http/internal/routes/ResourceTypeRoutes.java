package org.countersign.http.internal.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;

/** {@code GET /api/v1/resource-types}: the types registered right now, as plugins come and go. */
public final class ResourceTypeRoutes implements RouteGroup {

    private final ResourceTypes types;

    public ResourceTypeRoutes(ResourceTypes types) {
        this.types = types;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/resource-types", this::list);
    }

    private void list(Context ctx) {
        List<TypeView> items = types.all().stream().map(ResourceTypeRoutes::view).toList();
        Json.write(ctx, 200, Lists.of(items));
    }

    private static TypeView view(ResourceType type) {
        return new TypeView(type.name(), type.governed(), type.actions(), schema(type), type.approvalRelevantPaths());
    }

    private static JsonNode schema(ResourceType type) {
        try {
            return Json.MAPPER.readTree(type.configSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Resource type " + type.name() + " has an invalid JSON schema", e);
        }
    }

    record TypeView(String name, boolean governed, List<String> actions, JsonNode schema, List<String> approvalRelevantPaths) {
    }
}
