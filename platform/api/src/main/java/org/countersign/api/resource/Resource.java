package org.countersign.api.resource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A resource as its readers see it (SPEC §4): its current name, labels and owners (those of the latest
 * publication, or of the draft before the first one), what is live per environment, the draft and the open
 * request holding it, and the resources it references. Write-only config paths are never filled in.
 */
public record Resource(String id, String type, String name, Map<String, String> labels, List<String> owners,
        ResourceState state, Map<String, Publication> published, Draft draft, String openRequest, Instant createdAt,
        String createdBy, List<Dependency> dependencies) {

    public Resource {
        labels = Map.copyOf(labels);
        owners = List.copyOf(owners);
        published = Map.copyOf(published);
        dependencies = List.copyOf(dependencies);
    }
}
