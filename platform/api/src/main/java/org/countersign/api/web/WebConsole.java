package org.countersign.api.web;

import java.util.Optional;

/**
 * The web console's pages and assets, contributed by a plugin bundle as an OSGi service (docs/architecture.md,
 * {@code plugins/web-console}). The HTTP server asks it for every {@code GET} outside the API's own paths
 * ({@code /api/}, {@code /health}, {@code /metrics}, {@code /console/}); while no console is installed those
 * paths answer 404. A console renders nothing on the server: its pages call the JSON API as the signed-in user.
 */
public interface WebConsole {

    /**
     * What to answer for {@code GET path}: an asset, or the page shell for one of the console's routes; empty when
     * the path is not the console's.
     */
    Optional<WebResource> resource(String path);
}
