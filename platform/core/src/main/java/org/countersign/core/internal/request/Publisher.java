package org.countersign.core.internal.request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredRevision;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.Dependencies;
import org.countersign.core.internal.rules.RulesGovernance;
import org.countersign.core.internal.rules.RulesResourceType;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;

/**
 * What going live means, shared by "publish now" and applied requests: a new revision from the draft, live in
 * the first environment, the draft gone, and the audit event and outbox entry in the same transaction.
 * Callers have already decided that the change may go live.
 */
public final class Publisher {

    private final AuditLog audit;

    public Publisher(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param publishedTogether resources published in the same change set, which count as published
     * @return the new revision number
     */
    public int publishDraft(Tx tx, WorkspaceAccess ws, ResourceType type, StoredResource resource, StoredDraft draft,
            String environment, String comment, String requestId, Set<String> publishedTogether) {
        ResourceContent content = ContentJson.content(draft.contentJson());
        Dependencies.requirePublished(tx, ws.workspaceId(), type, content, publishedTogether);
        int number = tx.revisions().latest(resource.id()) + 1;
        String actor = ws.actor().userId();
        // the revision's author is who wrote the draft, not who made it live
        List<String> contributors = ContentJson.strings(draft.contributorsJson());
        String author = contributors.isEmpty() ? draft.updatedBy() : contributors.get(0);
        tx.revisions().insert(new StoredRevision(resource.id(), number, draft.contentJson(), author, Times.now(), comment,
                requestId, actor, draft.contributorsJson()));
        tx.resources().publish(new StoredPublication(resource.id(), environment, number, Times.now(), actor, null));
        tx.drafts().delete(resource.id());
        tx.resources().update(new StoredResource(resource.id(), resource.workspaceId(), resource.type(), content.name(),
                ContentJson.write(content.labels()), ContentJson.write(content.owners()), ResourceState.PUBLISHED,
                resource.createdAt(), resource.createdBy(), Times.now()));
        audit.append(tx, ws.auditEntry("resource.published", resource.id(), Details.of("revision", number,
                "environment", environment, "comment", comment, "request", requestId)));
        outbox(tx, ws, "resource.published", Details.of("resourceId", resource.id(), "type", type.name(), "revision",
                number, "environment", environment, "actor", actor, "requestId", requestId));
        if (RulesResourceType.NAME.equals(type.name())) {
            RulesGovernance.wentLive(tx, audit, ws, content.config());
        }
        return number;
    }

    /** Makes a published revision live in the next environment as well. */
    void promote(Tx tx, WorkspaceAccess ws, StoredResource resource, int revision, String source, String target,
            String requestId) {
        String actor = ws.actor().userId();
        tx.resources().publish(new StoredPublication(resource.id(), target, revision, Times.now(), actor, null));
        audit.append(tx, ws.auditEntry("resource.promoted", resource.id(), Details.of("revision", revision,
                "from", source, "to", target, "request", requestId)));
        outbox(tx, ws, "resource.promoted", Details.of("resourceId", resource.id(), "type", resource.type(), "revision",
                revision, "sourceEnvironment", source, "targetEnvironment", target, "actor", actor, "requestId",
                requestId));
    }

    /** Takes the resource out of the environments; with none left and no draft it is deleted (history stays). */
    public void unpublish(Tx tx, WorkspaceAccess ws, StoredResource resource, List<String> environments, String requestId) {
        for (String env : environments) {
            tx.resources().unpublish(resource.id(), env);
        }
        boolean livesOn = !tx.resources().publications(List.of(resource.id())).isEmpty();
        if (!livesOn) {
            tx.drafts().delete(resource.id());
            tx.resources().delete(resource.id());
        } else if (tx.drafts().get(resource.id()).isEmpty()) {
            tx.resources().update(new StoredResource(resource.id(), resource.workspaceId(), resource.type(),
                    resource.name(), resource.labelsJson(), resource.ownersJson(), ResourceState.PUBLISHED,
                    resource.createdAt(), resource.createdBy(), Times.now()));
        }
        audit.append(tx, ws.auditEntry("resource.deleted", resource.id(),
                Details.of("environments", environments, "removed", !livesOn, "request", requestId)));
        outbox(tx, ws, "resource.deleted", Details.of("resourceId", resource.id(), "environments", environments,
                "requestId", requestId));
    }

    public static void outbox(Tx tx, WorkspaceAccess ws, String type, Map<String, Object> payload) {
        tx.outbox().add(new OutboxEntry(Ids.next("evt"), ws.workspaceId(), type, ContentJson.write(payload), Times.now(),
                null));
    }
}
