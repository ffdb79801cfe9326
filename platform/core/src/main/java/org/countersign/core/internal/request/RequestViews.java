package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.ApprovalRequest.Item;
import org.countersign.api.approval.ApprovalRequest.Review;
import org.countersign.api.approval.ApprovalRequest.TimelineEntry;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.resource.ConfigDiff;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredRevision;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.resource.ContentDiffer;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.People;
import org.countersign.core.internal.resource.ResourceRows;
import org.countersign.core.internal.resource.ResourceViews;

/** Builds the request shape of docs/domain.md#http-api, with a diff per item that never shows write-only values. */
final class RequestViews {

    private RequestViews() {
    }

    static ApprovalRequest of(Tx tx, String workspace, StoredRequest request, List<StoredResource> resources,
            RequestEvaluator.Evaluation evaluation, ResourceTypes types, List<String> allowedActions,
            List<String> eligibleApprovers) {
        List<StoredRequestItem> rows = tx.requests().items(request.id());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            StoredRequestItem row = rows.get(i);
            StoredResource resource = resources.get(i);
            Optional<ResourceType> type = types.find(resource.type());
            items.add(new Item(row.resourceId(), resource.type(), resource.name(), row.draftVersion(), row.revision(),
                    diff(tx, request, row, type)));
        }
        String digest = evaluation.digest();
        List<Review> reviews = tx.requests().reviews(request.id()).stream()
                .map(r -> new Review(r.userId(), r.verdict(), r.comment(), r.at(),
                        r.round() < request.round() || !RequestDigest.sameContent(r.digest(), digest), r.digest()))
                .toList();
        List<TimelineEntry> timeline = tx.requests().timeline(request.id()).stream()
                .map(e -> new TimelineEntry(e.at(), e.actor(), e.action(), e.comment())).toList();
        // what blocks a live request is what blocks it now, from the moment it is submitted
        List<String> blockedBy = request.state().terminal()
                ? ContentJson.strings(request.blockedByJson()) : evaluation.blockedBy();
        return new ApprovalRequest(request.id(), request.number(), request.kind().wire(), request.state().wire(),
                request.author(),
                ContentJson.strings(request.reviewersJson()), request.comment(), request.sourceEnvironment(),
                request.targetEnvironment(), items, evaluation.requirements(), evaluation.remainingApprovals(),
                blockedBy, reviews, timeline, request.createdAt(), request.updatedAt(), workspace, digest, Map.of(),
                allowedActions, eligibleApprovers);
    }

    /** The views with the people they mention named. */
    static List<ApprovalRequest> named(Tx tx, List<ApprovalRequest> views) {
        return People.name(tx, views, ApprovalRequest::mentionedUsers, ApprovalRequest::withPeople);
    }

    /**
     * What the item changes: the draft against the revision it is based on while the request is live; once
     * applied, the revision it published against the one before.
     */
    private static ConfigDiff diff(Tx tx, StoredRequest request, StoredRequestItem row, Optional<ResourceType> type) {
        List<String> textPaths = type.map(ResourceType::textDiffPaths).orElse(List.of());
        String id = row.resourceId();
        if (RequestKind.PROMOTE.equals(request.kind())) {
            // what the target environment had before this promotion (or has now, while it is pending)
            Integer before = request.state().equals(RequestState.APPLIED) ? null
                    : tx.resources().publications(List.of(id)).stream()
                            .filter(p -> p.environment().equals(request.targetEnvironment())).map(p -> p.revision())
                            .findFirst().orElse(null);
            return ContentDiffer.diff(before == null ? null : redact(revision(tx, id, before), type),
                    redact(revision(tx, id, row.revision()), type), textPaths);
        }
        if (RequestKind.DELETE.equals(request.kind())) {
            ResourceContent live = ResourceRows.latestContent(tx, id).orElse(null);
            return ContentDiffer.diff(redact(live, type), null, textPaths);
        }
        var draft = tx.drafts().get(id).filter(d -> request.id().equals(d.requestId()));
        if (draft.isPresent()) {
            ResourceContent base = draft.get().baseRevision() == null ? null : revision(tx, id, draft.get().baseRevision());
            return ContentDiffer.diff(redact(base, type), redact(ContentJson.content(draft.get().contentJson()), type),
                    textPaths);
        }
        Optional<StoredRevision> published = tx.revisions().byRequest(id, request.id());
        if (published.isEmpty()) {
            return ContentDiffer.diff(null, null, textPaths);
        }
        int number = published.get().number();
        ResourceContent before = number > 1 ? revision(tx, id, number - 1) : null;
        return ContentDiffer.diff(redact(before, type), redact(ContentJson.content(published.get().contentJson()), type),
                textPaths);
    }

    private static ResourceContent revision(Tx tx, String resourceId, int number) {
        return tx.revisions().get(resourceId, number).map(r -> ContentJson.content(r.contentJson())).orElse(null);
    }

    private static ResourceContent redact(ResourceContent content, Optional<ResourceType> type) {
        return content == null ? null : ResourceViews.redact(content, type);
    }
}
