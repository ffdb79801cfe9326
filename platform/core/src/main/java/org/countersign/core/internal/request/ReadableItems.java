package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.countersign.api.access.Actions;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;

/**
 * The resources a request changes, as the caller may see them: anyone who cannot read one of them does not see the
 * request at all (not in lists, not by id).
 */
final class ReadableItems {

    private ReadableItems() {
    }

    /** The request's resources in item order; not found when the caller cannot read one of them. */
    static List<StoredResource> of(Tx tx, WorkspaceAccess ws, StoredRequest request) {
        return find(tx, ws, request).orElseThrow(() -> new NotFoundException("No request " + request.id()));
    }

    static Optional<List<StoredResource>> find(Tx tx, WorkspaceAccess ws, StoredRequest request) {
        List<StoredRequestItem> rows = tx.requests().items(request.id());
        Map<String, StoredResource> found = byId(tx, ws, rows);
        List<StoredResource> items = new ArrayList<>();
        for (StoredRequestItem row : rows) {
            StoredResource resource = found.get(row.resourceId());
            if (!readable(ws, resource)) {
                return Optional.empty();
            }
            items.add(resource);
        }
        return Optional.of(items);
    }

    /** The resources of each request of a batch, in two queries; requests with an unreadable resource are left out. */
    static Map<String, List<StoredResource>> ofBatch(Tx tx, WorkspaceAccess ws, List<StoredRequest> batch) {
        List<StoredRequestItem> rows = tx.requests().items(batch.stream().map(StoredRequest::id).toList());
        Map<String, StoredResource> found = byId(tx, ws, rows);
        Map<String, List<StoredResource>> byRequest = new HashMap<>();
        Set<String> hidden = new HashSet<>();
        for (StoredRequestItem row : rows) {
            StoredResource resource = found.get(row.resourceId());
            if (!readable(ws, resource)) {
                hidden.add(row.requestId());
            } else {
                byRequest.computeIfAbsent(row.requestId(), id -> new ArrayList<>()).add(resource);
            }
        }
        hidden.forEach(byRequest::remove);
        return byRequest;
    }

    private static Map<String, StoredResource> byId(Tx tx, WorkspaceAccess ws, List<StoredRequestItem> rows) {
        return tx.resources().byIdsWithDeleted(ws.workspaceId(),
                rows.stream().map(StoredRequestItem::resourceId).distinct().toList()).stream()
                .collect(Collectors.toMap(StoredResource::id, Function.identity()));
    }

    private static boolean readable(WorkspaceAccess ws, StoredResource resource) {
        return resource != null && ws.check(Actions.READ, resource.type(), ContentJson.labels(resource.labelsJson()))
                .grant().permits();
    }
}
