package org.countersign.core.internal.resource;

import java.util.Optional;
import org.countersign.api.access.Actions;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Times;

/** Lookups and small changes of resource rows shared by the resource and request services. */
public final class ResourceRows {

    private ResourceRows() {
    }

    /** The resource in this workspace, if the actor may read it; 404 otherwise, exactly like a missing one. */
    public static StoredResource readable(Tx tx, WorkspaceAccess ws, String resourceId) {
        StoredResource resource = tx.resources().byId(ws.workspaceId(), resourceId)
                .orElseThrow(() -> new NotFoundException("No resource " + resourceId));
        if (!ws.check(Actions.READ, resource.type(), ContentJson.labels(resource.labelsJson())).grant().permits()) {
            throw new NotFoundException("No resource " + resourceId);
        }
        return resource;
    }

    /** The resource's type; 409 {@code type_unavailable} while its plugin is not installed. */
    public static ResourceType installed(ResourceTypes types, StoredResource resource) {
        return types.find(resource.type()).orElseThrow(() -> new ConflictException("type_unavailable",
                "The resource type " + resource.type() + " is not installed: its plugin bundle was removed"));
    }

    /** The content of the newest revision, without reading the whole history. */
    public static Optional<ResourceContent> latestContent(Tx tx, String resourceId) {
        int latest = tx.revisions().latest(resourceId);
        return latest == 0 ? Optional.empty()
                : tx.revisions().get(resourceId, latest).map(r -> ContentJson.content(r.contentJson()));
    }

    public static StoredResource withState(StoredResource r, ResourceState state) {
        return new StoredResource(r.id(), r.workspaceId(), r.type(), r.name(), r.labelsJson(), r.ownersJson(), state,
                r.createdAt(), r.createdBy(), Times.now());
    }
}
