package org.countersign.api.resource;

import java.util.Map;

/** Filters of a resource list; null or empty means any. */
public record ResourceFilter(String type, Map<String, String> labels, ResourceState state) {

    public ResourceFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
