package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** {@code GET /api/v1/system/bundles}: every installed bundle and its state (instance admins). */
public final class SystemRoutes implements RouteGroup {

    private final BundleContext context;

    public SystemRoutes(BundleContext context) {
        this.context = context;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/system/bundles", this::bundles);
    }

    private void bundles(Context ctx) {
        Authentication.actor(ctx).requireInstanceAdmin();
        List<BundleView> items = Arrays.stream(context.getBundles())
                .sorted(Comparator.comparingLong(Bundle::getBundleId))
                .map(BundleView::of)
                .toList();
        Json.write(ctx, 200, Lists.of(items));
    }

    record BundleView(long id, String symbolicName, String version, String state, boolean fragment, String location) {
        static BundleView of(Bundle b) {
            return new BundleView(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(),
                    BundleStates.name(b.getState()), BundleStates.isFragment(b), b.getLocation());
        }
    }
}
