package org.countersign.resource.destination.internal;

import java.util.List;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A destination (seeds/004): where syncs write. Ungoverned, as in the seeds: changes publish at once.
 * Credentials live under {@code /secrets} and are never returned by the API.
 */
@Component(service = ResourceType.class)
public class DestinationResourceType extends BasicResourceType {

    public DestinationResourceType() {
        super("destination", false, List.of(),
                Schemas.load(DestinationResourceType.class, "destination.schema.json"),
                List.of("/kind", "/settings", "/secrets"));
    }

    @Override
    public List<String> writeOnlyPaths() {
        return List.of("/secrets");
    }
}
