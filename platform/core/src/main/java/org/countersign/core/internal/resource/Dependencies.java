package org.countersign.core.internal.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.countersign.api.access.Actions;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;

/**
 * The references between resources (a sync to its model and destination) and the gates they set
 * (docs/domain.md#resources-drafts-and-revisions).
 */
public final class Dependencies {

    private Dependencies() {
    }

    /** Every referenced resource exists in the workspace, has the expected type, and the actor may read it. */
    static void requireReadable(Tx tx, WorkspaceAccess ws, ResourceType type, ResourceContent content) {
        List<Reference> references = type.references(content.config());
        Map<String, StoredResource> found = resolve(tx, ws.workspaceId(), references);
        List<FieldError> errors = new ArrayList<>();
        for (Reference ref : references) {
            StoredResource target = found.get(ref.resourceId());
            String path = "/config" + ref.path();
            if (target == null) {
                errors.add(new FieldError(path, "no resource " + ref.resourceId() + " in this workspace"));
            } else if (ref.type() != null && !ref.type().equals(target.type())) {
                errors.add(new FieldError(path, "must reference a " + ref.type() + ", not a " + target.type()));
            } else {
                // reading a resource is what it takes to use it (docs/domain.md#members-roles-and-permissions); an
                // unreadable one looks missing
                if (!ws.check(Actions.READ, target.type(), ContentJson.labels(target.labelsJson())).grant().permits()) {
                    errors.add(new FieldError(path, "no resource " + ref.resourceId() + " in this workspace"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "The config references resources that cannot be used",
                    errors);
        }
    }

    /** Publishing needs every referenced resource published somewhere, unless it is published along with it. */
    public static void requirePublished(Tx tx, String workspaceId, ResourceType type, ResourceContent content,
            Set<String> publishedTogether) {
        List<String> ids = type.references(content.config()).stream().map(Reference::resourceId)
                .filter(id -> !publishedTogether.contains(id)).distinct().toList();
        Set<String> published = tx.resources().publications(ids).stream().map(StoredPublication::resourceId)
                .collect(Collectors.toSet());
        List<String> missing = ids.stream().filter(id -> !published.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw new ConflictException("dependency_unpublished",
                    "These referenced resources were never published: " + missing + "; publish them first or together");
        }
    }

    /**
     * A run needs the resource live in the environment with no pending draft, and so everything its live
     * config references. Returns the resource's publication there.
     */
    static StoredPublication requireRunnable(Tx tx, String workspaceId, StoredResource resource, String environment,
            ResourceTypes types) {
        StoredPublication live = tx.resources().publications(List.of(resource.id())).stream()
                .filter(p -> p.environment().equals(environment)).findFirst()
                .orElseThrow(() -> new ConflictException("dependency_unpublished",
                        resource.name() + " is not published in " + environment));
        List<String> problems = new ArrayList<>();
        if (tx.drafts().get(resource.id()).isPresent()) {
            problems.add(resource.name() + " has a pending draft");
        }
        List<String> referenced = types.find(resource.type())
                .map(t -> t.references(ContentJson.content(live.contentJson()).config())).orElse(List.of()).stream()
                .map(Reference::resourceId).distinct().toList();
        Map<String, StoredResource> targets = resolveIds(tx, workspaceId, referenced);
        Set<String> liveThere = tx.resources().publications(referenced).stream()
                .filter(p -> p.environment().equals(environment)).map(StoredPublication::resourceId)
                .collect(Collectors.toSet());
        Set<String> drafted = tx.drafts().get(referenced).stream().map(d -> d.resourceId()).collect(Collectors.toSet());
        for (String id : referenced) {
            String name = targets.containsKey(id) ? targets.get(id).name() + " (" + id + ")" : id;
            if (!liveThere.contains(id)) {
                problems.add(name + " is not published in " + environment);
            } else if (drafted.contains(id)) {
                problems.add(name + " has a pending draft");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConflictException("dependency_unpublished", "Cannot run: " + String.join("; ", problems));
        }
        return live;
    }

    private static Map<String, StoredResource> resolve(Tx tx, String workspaceId, List<Reference> references) {
        return resolveIds(tx, workspaceId, references.stream().map(Reference::resourceId).distinct().toList());
    }

    private static Map<String, StoredResource> resolveIds(Tx tx, String workspaceId, List<String> ids) {
        return tx.resources().byIds(workspaceId, ids).stream()
                .collect(Collectors.toMap(StoredResource::id, Function.identity()));
    }
}
