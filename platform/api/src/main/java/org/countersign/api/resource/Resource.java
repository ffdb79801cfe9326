package org.countersign.api.resource;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.api.identity.Person;

/**
 * A resource as its readers see it (SPEC §4): its current name, labels and owners (those of the latest
 * publication, or of the draft before the first one), what is live per environment, the draft and the open
 * request holding it, and the resources it references. Write-only config paths are never filled in.
 * {@code people} names every user the view mentions (owners, contributors, who created and published).
 */
public record Resource(String id, String type, String name, Map<String, String> labels, List<String> owners,
        ResourceState state, Map<String, Publication> published, Draft draft, String openRequest, Instant createdAt,
        String createdBy, List<Dependency> dependencies, Map<String, Person> people) {

    public Resource {
        labels = Map.copyOf(labels);
        owners = List.copyOf(owners);
        published = Map.copyOf(published);
        dependencies = List.copyOf(dependencies);
        people = Map.copyOf(people);
    }

    /** The same resource naming these people. */
    public Resource withPeople(Map<String, Person> named) {
        return new Resource(id, type, name, labels, owners, state, published, draft, openRequest, createdAt, createdBy,
                dependencies, named);
    }

    /** Every user id the view mentions: owners, who created it, who published it where, who edited the draft. */
    public Set<String> mentionedUsers() {
        Set<String> ids = new LinkedHashSet<>(owners);
        ids.add(createdBy);
        published.values().forEach(p -> ids.add(p.publishedBy()));
        if (draft != null) {
            ids.addAll(draft.contributors());
            ids.add(draft.updatedBy());
        }
        ids.remove(null);
        return ids;
    }
}
