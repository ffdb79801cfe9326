package org.countersign.resource.model.internal;

import java.util.List;
import java.util.Map;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A SQL model (seeds/001): a query over a source. Governed: changing the query, the source, the primary key
 * or the columns needs approval; editing the description does not. Diffs show the SQL line by line.
 */
@Component(service = ResourceType.class)
public class ModelResourceType implements ResourceType {

    private final String schema = Schemas.load(ModelResourceType.class, "model.schema.json");

    @Override
    public String name() {
        return "model";
    }

    @Override
    public boolean governed() {
        return true;
    }

    @Override
    public List<String> actions() {
        return List.of("preview");
    }

    @Override
    public String configSchema() {
        return schema;
    }

    @Override
    public List<String> approvalRelevantPaths() {
        return List.of("/sourceId", "/query", "/primaryKey", "/columns");
    }

    @Override
    public List<String> textDiffPaths() {
        return List.of("/query");
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        return config.get("sourceId") instanceof String id ? List.of(new Reference("/sourceId", "source", id)) : List.of();
    }
}
