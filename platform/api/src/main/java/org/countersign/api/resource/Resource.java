package org.countersign.api.resource;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.api.identity.Person;

/**
 * A resource as its readers see it (docs/domain.md#http-api): its current name, labels and owners (those of the latest
 * publication, or of the draft before the first one), what is live per environment, the draft and the open
 * request holding it, and the resources it references. Write-only config paths are never filled in.
 * {@code people} names every user the view mentions (owners, contributors, who created and published);
 * {@code allowedActions} are what the caller may do with it now ({@code edit}, {@code delete-draft},
 * {@code submit}, {@code publish} — only on a single resource, as it asks the rules —, {@code promote},
 * {@code delete}, {@code run}).
 */
public record Resource(String id, String type, String name, Map<String, String> labels, List<String> owners,
        ResourceState state, Map<String, Publication> published, Draft draft, String openRequest, Instant createdAt,
        String createdBy, List<Dependency> dependencies, Map<String, Person> people, List<String> allowedActions) {

    /** The actions of {@link #allowedActions()}. */
    public static final String ACT_EDIT = "edit";
    public static final String ACT_DELETE_DRAFT = "delete-draft";
    public static final String ACT_SUBMIT = "submit";
    public static final String ACT_PUBLISH = "publish";
    public static final String ACT_PROMOTE = "promote";
    public static final String ACT_DELETE = "delete";
    public static final String ACT_RUN = "run";

    public Resource {
        labels = Map.copyOf(labels);
        owners = List.copyOf(owners);
        published = Map.copyOf(published);
        dependencies = List.copyOf(dependencies);
        people = Map.copyOf(people);
        allowedActions = List.copyOf(allowedActions);
    }

    /** The same resource naming these people. */
    public Resource withPeople(Map<String, Person> named) {
        return new Resource(id, type, name, labels, owners, state, published, draft, openRequest, createdAt, createdBy,
                dependencies, named, allowedActions);
    }

    /** The same resource with what the caller may do with it. */
    public Resource withAllowedActions(List<String> allowed) {
        return new Resource(id, type, name, labels, owners, state, published, draft, openRequest, createdAt, createdBy,
                dependencies, people, allowed);
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
