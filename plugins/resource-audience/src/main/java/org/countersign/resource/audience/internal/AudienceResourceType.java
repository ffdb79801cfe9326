package org.countersign.resource.audience.internal;

import java.util.List;
import java.util.Map;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/** An audience (seeds/004): conditions over a parent model. Ungoverned, as in the seeds: published at once. */
@Component(service = ResourceType.class)
public class AudienceResourceType implements ResourceType {

    private final String schema = Schemas.load(AudienceResourceType.class, "audience.schema.json");

    @Override
    public String name() {
        return "audience";
    }

    @Override
    public boolean governed() {
        return false;
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
        return List.of("/parentModelId", "/conditions", "/match");
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        return config.get("parentModelId") instanceof String id ? List.of(new Reference("/parentModelId", "model", id))
                : List.of();
    }
}
