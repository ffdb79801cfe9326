package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.api.storage.Store;
import org.countersign.http.internal.support.Json;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * {@code GET /health} (no authentication): UP when storage answers; bundle counts by state and the names
 * of bundles that are not active, so an operator sees a plugin that failed to start.
 */
public final class HealthRoutes implements RouteGroup {

    private final BundleContext context;
    private final Store store;

    public HealthRoutes(BundleContext context, Store store) {
        this.context = context;
        this.store = store;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        boolean storageUp = storageAnswers();
        Map<String, Integer> byState = new TreeMap<>();
        List<String> inactive = new java.util.ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String state = BundleStates.name(bundle.getState());
            byState.merge(state, 1, Integer::sum);
            if (bundle.getState() != Bundle.ACTIVE && !BundleStates.isFragment(bundle)) {
                inactive.add(bundle.getSymbolicName() + " " + state);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", storageUp ? "UP" : "DOWN");
        body.put("storage", Map.of("kind", store.kind(), "status", storageUp ? "UP" : "DOWN"));
        body.put("bundles", Map.of("total", context.getBundles().length, "byState", byState, "notActive", inactive));
        Json.write(ctx, storageUp ? 200 : 503, body);
    }

    private boolean storageAnswers() {
        try {
            store.read(tx -> tx.users().count());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
