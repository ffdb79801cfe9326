package org.countersign.resource.model.internal;

import java.util.List;
import java.util.Map;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A SQL model (seeds/001): a query over a source. Governed: changing the query, the source, the primary key
 * or the columns needs approval; editing the description does not. Diffs show the SQL line by line.
 */
@Component(service = ResourceType.class)
public class ModelResourceType extends BasicResourceType {

    public ModelResourceType() {
        super("model", true, List.of("preview"),
                Schemas.load(ModelResourceType.class, "model.schema.json"),
                List.of("/sourceId", "/query", "/primaryKey", "/columns"));
    }

    @Override
    public List<String> textDiffPaths() {
        return List.of("/query");
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        return config.get("sourceId") instanceof String id ? List.of(new Reference("/sourceId", "source", id))
                : List.of();
    }
}
