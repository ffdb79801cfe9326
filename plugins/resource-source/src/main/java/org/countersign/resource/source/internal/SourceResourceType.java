package org.countersign.resource.source.internal;

import java.util.List;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * A data source (seeds/004): a warehouse or database connection. Ungoverned: changes publish at once.
 * Credentials live under {@code /secrets} and are never returned by the API.
 */
@Component(service = ResourceType.class)
public class SourceResourceType extends BasicResourceType {

    public SourceResourceType() {
        super("source", false, List.of("preview"),
                Schemas.load(SourceResourceType.class, "source.schema.json"),
                List.of("/kind", "/connection", "/secrets"));
    }

    @Override
    public List<String> writeOnlyPaths() {
        return List.of("/secrets");
    }
}
