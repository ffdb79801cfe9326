package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;

/** A feature's endpoints, added to the router when the server is built. */
public interface RouteGroup {
    void addTo(RoutesConfig routes);
}
