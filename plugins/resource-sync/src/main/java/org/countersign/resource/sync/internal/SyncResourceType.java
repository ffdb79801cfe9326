package org.countersign.resource.sync.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A sync (seeds/001) from a model to a destination. Governed: its configuration and schedule need approval;
 * a description edit never does. It can only run once its model and destination are published.
 */
@Component(service = ResourceType.class)
public class SyncResourceType extends BasicResourceType {

    public SyncResourceType() {
        super("sync", true, List.of("start", "enable", "debugger", "testrow"),
                Schemas.load(SyncResourceType.class, "sync.schema.json"),
                List.of("/modelId", "/destinationId", "/mode", "/mappings", "/schedule", "/enabled"));
    }

    @Override
    public List<FieldError> validate(Map<String, Object> config) {
        return CronSchedules.check(config);
    }

    @Override
    public List<Reference> references(Map<String, Object> config) {
        List<Reference> references = new ArrayList<>();
        if (config.get("modelId") instanceof String model) {
            references.add(new Reference("/modelId", "model", model));
        }
        if (config.get("destinationId") instanceof String destination) {
            references.add(new Reference("/destinationId", "destination", destination));
        }
        return references;
    }
}
