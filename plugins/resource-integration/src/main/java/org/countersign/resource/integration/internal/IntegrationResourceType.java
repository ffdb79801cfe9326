package org.countersign.resource.integration.internal;

import java.util.List;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.Schemas;
import org.osgi.service.component.annotations.Component;

/**
 * An integration (seeds/002): a project at a build with its connectors, the type promoted from development to
 * production. Governed: a new build or connector change needs approval; a description edit does not.
 */
@Component(service = ResourceType.class)
public class IntegrationResourceType implements ResourceType {

    private final String schema = Schemas.load(IntegrationResourceType.class, "integration.schema.json");

    @Override
    public String name() {
        return "integration";
    }

    @Override
    public boolean governed() {
        return true;
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public String configSchema() {
        return schema;
    }

    @Override
    public List<String> approvalRelevantPaths() {
        return List.of("/project", "/version", "/connectors");
    }
}
