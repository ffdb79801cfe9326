package org.countersign.core.internal.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.resource.Dependency;
import org.countersign.api.resource.Draft;
import org.countersign.api.resource.Publication;
import org.countersign.api.resource.Reference;
import org.countersign.api.resource.Resource;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;

/**
 * Builds what readers see from stored rows: a fixed number of queries for any number of resources (their
 * publications with content, their drafts, the resources they reference and those drafts), with write-only
 * config paths left out.
 */
public final class ResourceViews {

    private ResourceViews() {
    }

    /**
     * @param types the type of each resource, when registered; without it nothing is known to hide, so
     *              config is hidden entirely
     */
    static List<Resource> of(Tx tx, List<StoredResource> rows, Map<String, Optional<ResourceType>> types) {
        Collection<String> ids = rows.stream().map(StoredResource::id).toList();
        Map<String, Map<String, Publication>> published = new HashMap<>();
        for (StoredPublication p : tx.resources().publications(ids)) {
            ResourceContent content = redact(ContentJson.content(p.contentJson()), types.get(p.resourceId()));
            published.computeIfAbsent(p.resourceId(), id -> new LinkedHashMap<>())
                    .put(p.environment(), new Publication(p.revision(), content, p.publishedAt(), p.publishedBy()));
        }
        Map<String, Draft> drafts = new HashMap<>();
        for (StoredDraft d : tx.drafts().get(ids)) {
            drafts.put(d.resourceId(), draft(d, types.get(d.resourceId())));
        }
        Map<String, List<Reference>> references = new HashMap<>();
        for (StoredResource r : rows) {
            Draft draft = drafts.get(r.id());
            ResourceContent current = draft != null ? draft.content()
                    : published.getOrDefault(r.id(), Map.of()).values().stream().findFirst().map(Publication::content)
                            .orElse(null);
            Optional<ResourceType> type = types.get(r.id());
            references.put(r.id(), current == null || type == null || type.isEmpty() ? List.of()
                    : type.get().references(current.config()));
        }
        Map<String, List<Dependency>> dependencies = dependencies(tx, rows, references);
        List<Resource> views = new ArrayList<>();
        for (StoredResource r : rows) {
            Draft draft = drafts.get(r.id());
            views.add(new Resource(r.id(), r.type(), r.name(), ContentJson.labels(r.labelsJson()),
                    ContentJson.strings(r.ownersJson()), r.state(), published.getOrDefault(r.id(), Map.of()), draft,
                    draft == null ? null : draft.requestId(), r.createdAt(), r.createdBy(),
                    dependencies.getOrDefault(r.id(), List.of()), Map.of(), List.of()));
        }
        return People.name(tx, views, Resource::mentionedUsers, Resource::withPeople);
    }

    /** The referenced resources of every row, with their drafts, in two queries. */
    private static Map<String, List<Dependency>> dependencies(Tx tx, List<StoredResource> rows,
            Map<String, List<Reference>> references) {
        Set<String> ids = new HashSet<>();
        references.values().forEach(refs -> refs.forEach(ref -> ids.add(ref.resourceId())));
        if (ids.isEmpty() || rows.isEmpty()) {
            return Map.of();
        }
        String workspaceId = rows.get(0).workspaceId();
        Map<String, StoredResource> targets = new HashMap<>();
        tx.resources().byIds(workspaceId, ids).forEach(t -> targets.put(t.id(), t));
        Map<String, Integer> draftVersions = new HashMap<>();
        tx.drafts().get(ids).forEach(d -> draftVersions.put(d.resourceId(), d.version()));
        Map<String, List<Dependency>> result = new HashMap<>();
        references.forEach((id, refs) -> result.put(id, refs.stream().filter(ref -> targets.containsKey(ref.resourceId()))
                .map(ref -> {
                    StoredResource t = targets.get(ref.resourceId());
                    return new Dependency(ref.path(), t.id(), t.type(), t.name(), t.state(), draftVersions.get(t.id()));
                }).toList()));
        return result;
    }

    static Draft draft(StoredDraft d, Optional<ResourceType> type) {
        return new Draft(d.version(), redact(ContentJson.content(d.contentJson()), type),
                ContentJson.strings(d.contributorsJson()), d.baseRevision(), d.updatedAt(), d.updatedBy(), d.requestId());
    }

    /** The content without the type's write-only (secret) config values. */
    public static ResourceContent redact(ResourceContent content, Optional<ResourceType> type) {
        if (type == null || type.isEmpty()) {
            return new ResourceContent(content.name(), content.labels(), content.owners(), Map.of());
        }
        Map<String, Object> config = ConfigPaths.without(content.config(), type.get().writeOnlyPaths());
        return new ResourceContent(content.name(), content.labels(), content.owners(), config);
    }
}
