package org.countersign.api.resource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a revision snapshots and a draft edits: name, labels, owners (user ids) and the type's config.
 * Copies tolerate nulls inside so that validation, not a constructor, reports them.
 */
public record ResourceContent(String name, Map<String, String> labels, List<String> owners, Map<String, Object> config) {

    public ResourceContent {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        owners = owners == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(owners));
        config = config == null ? Map.of() : config;
    }
}
