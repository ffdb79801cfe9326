package org.countersign.resource.audience.internal;

import java.util.List;
import java.util.Map;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/** An audience (seeds/004): conditions over a parent model. Ungoverned, as in the seeds: published at once. */
@Component(service = ResourceType.class)
public class AudienceResourceType extends BasicResourceType {

    public AudienceResourceType() {
        super("audience", false, List.of("preview"),
                Schemas.load(AudienceResourceType.class, "audience.schema.json"),
                List.of("/parentModelId", "/conditions", "/match"));
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        return config.get("parentModelId") instanceof String id ? List.of(new Reference("/parentModelId", "model", id))
                : List.of();
    }
}
