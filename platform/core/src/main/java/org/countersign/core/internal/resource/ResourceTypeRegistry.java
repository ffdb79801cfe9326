package org.countersign.core.internal.resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tracks resource-type services as plugin bundles come and go (whiteboard). */
@Component(service = ResourceTypes.class)
public class ResourceTypeRegistry implements ResourceTypes {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceTypeRegistry.class);

    private final Map<String, ResourceType> types = new ConcurrentSkipListMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addType(ResourceType type) {
        ResourceType previous = types.putIfAbsent(type.name(), type);
        if (previous != null && previous != type) {
            LOG.warn("Resource type '{}' is registered twice; keeping the first", type.name());
            return;
        }
        LOG.info("Resource type '{}' available", type.name());
    }

    void removeType(ResourceType type) {
        if (types.remove(type.name(), type)) {
            LOG.info("Resource type '{}' removed", type.name());
        }
    }

    @Override
    public List<ResourceType> all() {
        return List.copyOf(types.values());
    }

    @Override
    public Optional<ResourceType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }
}
