package org.countersign.api.resource;

import java.util.List;
import java.util.Optional;

/** The resource types registered right now, tracked as plugins come and go. */
public interface ResourceTypes {

    /** All registered types, ordered by name. */
    List<ResourceType> all();

    Optional<ResourceType> find(String name);
}
