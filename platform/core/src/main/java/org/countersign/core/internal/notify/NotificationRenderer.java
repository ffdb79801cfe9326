package org.countersign.core.internal.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.identity.User;
import org.countersign.api.notify.Notification;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;

/**
 * Turns an outbox event into the words people read: a title that says who did what to which request, a few
 * lines of facts (workspace, request, items, environments, comment) and a link to the request.
 */
final class NotificationRenderer {

    private static final int ITEMS_NAMED = 3;

    private final String publicUrl;

    /** {@code publicUrl} is the base of links, without a trailing slash. */
    NotificationRenderer(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** {@code request} is the request a {@code request.*} event is about, empty for any other event. */
    Notification render(Tx tx, StoredWorkspace workspace, OutboxEntry entry, Map<String, Object> payload,
            Optional<StoredRequest> request) {
        String actor = userName(tx, payload.get("actor"));
        Map<String, Object> data = new LinkedHashMap<>(payload);
        data.put("workspace", workspace.workspace().slug());
        String title;
        List<String> lines = new ArrayList<>();
        String link = null;
        if (request.isPresent()) {
            StoredRequest r = request.get();
            String items = items(tx, workspace, r);
            title = requestTitle(entry.type(), actor, r, items);
            lines.add("Request #" + r.number() + " (" + r.kind() + ") in " + workspace.workspace().name() + " is "
                    + r.state().wire().replace('_', ' ') + ".");
            lines.add("Changes: " + items);
            if (r.kind() == RequestKind.PROMOTE) {
                lines.add("Environments: " + r.sourceEnvironment() + " -> " + r.targetEnvironment());
            }
            lines.add("Author: " + userName(tx, r.author()));
            // the console page of the request (sign-in first when needed), not the API: people click these
            link = publicUrl + "/w/" + workspace.workspace().slug() + "/requests/" + r.id();
        } else {
            title = resourceTitle(entry.type(), actor, resourceName(tx, workspace, payload.get("resourceId")));
            lines.add("Workspace: " + workspace.workspace().name());
        }
        if (payload.get("comment") instanceof String comment && !comment.isBlank()) {
            lines.add("Comment from " + actor + ": " + comment);
        }
        return new Notification(entry.id(), entry.type(), entry.createdAt(), workspace.workspace().slug(),
                workspace.workspace().name(), title, String.join("\n", lines), link, data);
    }

    private static String requestTitle(String type, String actor, StoredRequest r, String items) {
        String ref = "#" + r.number();
        return switch (type) {
            case "request.submitted" -> actor + " asks for your review of " + ref + ": " + r.kind() + " " + items;
            case "request.approved" -> actor + " approved " + ref + ": " + items;
            case "request.ready" -> r.kind() == RequestKind.PROMOTE
                    ? ref + " is approved: you can promote " + items + " to " + r.targetEnvironment()
                    : ref + " is approved and waits to be applied: " + items;
            case "request.changes_requested" -> actor + " asked for changes to " + ref + ": " + items;
            case "request.declined" -> actor + " declined " + ref + ": " + items;
            case "request.withdrawn" -> actor + " withdrew " + ref + ": " + items;
            case "request.discarded" -> actor + " discarded " + ref + " and its drafts: " + items;
            case "request.applied" -> actor + " " + applied(r) + " " + ref + ": " + items;
            case "request.commented" -> actor + " commented on " + ref + ": " + items;
            case "request.draft_updated" -> actor + " edited a draft in " + ref + "; your approval needs renewing";
            default -> actor + " acted on " + ref + " (" + type + ")";
        };
    }

    private static String applied(StoredRequest r) {
        return switch (r.kind()) {
            case PROMOTE -> "promoted to " + r.targetEnvironment();
            case DELETE -> "applied the deletion in";
            case PUBLISH -> "published";
        };
    }

    private static String resourceTitle(String type, String actor, String resource) {
        return switch (type) {
            case "resource.published" -> actor + " published " + resource;
            case "resource.promoted" -> actor + " promoted " + resource;
            case "resource.deleted" -> actor + " deleted " + resource;
            case "run.requested" -> actor + " started a run of " + resource;
            default -> type + " by " + actor;
        };
    }

    private static String resourceName(Tx tx, StoredWorkspace workspace, Object resourceId) {
        if (!(resourceId instanceof String id)) {
            return "a resource";
        }
        return tx.resources().byIdsWithDeleted(workspace.id(), List.of(id)).stream().findFirst()
                .map(NotificationRenderer::label).orElse(id);
    }

    /** "model “orders”, sync “orders to CRM” and 2 more". */
    private static String items(Tx tx, StoredWorkspace workspace, StoredRequest request) {
        List<String> ids = tx.requests().items(request.id()).stream().map(StoredRequestItem::resourceId).toList();
        List<StoredResource> resources = tx.resources().byIdsWithDeleted(workspace.id(), ids);
        List<String> named = resources.stream().limit(ITEMS_NAMED).map(NotificationRenderer::label).toList();
        String text = String.join(", ", named);
        return resources.size() > ITEMS_NAMED ? text + " and " + (resources.size() - ITEMS_NAMED) + " more" : text;
    }

    private static String label(StoredResource resource) {
        return resource.type() + " “" + resource.name() + "”";
    }

    private static String userName(Tx tx, Object userId) {
        if (!(userId instanceof String id)) {
            return "Someone";
        }
        return tx.users().byId(id).map(User::name).orElse(id);
    }
}
