package org.countersign.resource.integration.internal;

import java.util.List;
import org.countersign.api.resource.BasicResourceType;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * An integration (seeds/002): a project at a build with its connectors, the type promoted from development to
 * production. Governed: a new build or connector change needs approval; a description edit does not.
 */
@Component(service = ResourceType.class)
public class IntegrationResourceType extends BasicResourceType {

    public IntegrationResourceType() {
        super("integration", true, List.of(),
                Schemas.load(IntegrationResourceType.class, "integration.schema.json"),
                List.of("/project", "/version", "/connectors"));
    }
}
