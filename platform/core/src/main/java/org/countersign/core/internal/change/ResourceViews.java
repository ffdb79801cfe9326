package org.countersign.core.internal.change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.resource.Draft;
import org.countersign.api.resource.Publication;
import org.countersign.api.resource.Resource;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;

/**
 * Builds what readers see from stored rows: three queries for any number of resources (rows, their
 * publications with content, their drafts), with write-only config paths left out.
 */
final class ResourceViews {

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
        List<Resource> views = new ArrayList<>();
        for (StoredResource r : rows) {
            Draft draft = drafts.get(r.id());
            views.add(new Resource(r.id(), r.type(), r.name(), ContentJson.labels(r.labelsJson()),
                    ContentJson.strings(r.ownersJson()), r.state(), published.getOrDefault(r.id(), Map.of()), draft,
                    draft == null ? null : draft.requestId(), r.createdAt(), r.createdBy()));
        }
        return views;
    }

    static Draft draft(StoredDraft d, Optional<ResourceType> type) {
        return new Draft(d.version(), redact(ContentJson.content(d.contentJson()), type),
                ContentJson.strings(d.contributorsJson()), d.baseRevision(), d.updatedAt(), d.updatedBy(), d.requestId());
    }

    /** The content without the type's write-only (secret) config values. */
    static ResourceContent redact(ResourceContent content, Optional<ResourceType> type) {
        if (type == null || type.isEmpty()) {
            return new ResourceContent(content.name(), content.labels(), content.owners(), Map.of());
        }
        Map<String, Object> config = ConfigPaths.without(content.config(), type.get().writeOnlyPaths());
        return new ResourceContent(content.name(), content.labels(), content.owners(), config);
    }
}
