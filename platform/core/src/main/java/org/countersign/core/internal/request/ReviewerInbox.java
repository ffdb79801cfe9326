package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.api.access.Actions;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.RequestFilter;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.workspace.SettingsCodec;

/**
 * Request lists, and the reviewer's pending tab among them ({@code reviewer=me}): the open requests the caller may
 * approve, decline or send back now. Candidates are read newest first in batches; the cheap checks run in memory on
 * a whole batch, and only requests passing them are evaluated in full.
 */
final class ReviewerInbox {

    /** The most candidate requests a list reads at a time. */
    private static final int SCAN_BATCH = 200;

    private final RequestEvaluator evaluator;
    private final ResourceTypes types;

    ReviewerInbox(RequestEvaluator evaluator, ResourceTypes types) {
        this.evaluator = evaluator;
        this.types = types;
    }

    /** Up to {@code size + 1} views after {@code before} (so the caller knows whether a next page exists). */
    List<ApprovalRequest> scan(Tx tx, WorkspaceAccess ws, RequestFilter filter, String before, int size) {
        WorkspaceSettings settings = SettingsCodec.read(ws.workspace().settingsJson());
        String author = filter.authorIsMe() ? ws.actor().userId() : null;
        RequestState state = filter.reviewerIsMe() ? RequestState.OPEN : filter.state();
        String slug = ws.workspace().workspace().slug();
        List<ApprovalRequest> views = new ArrayList<>();
        String from = before;
        // a page's worth first, as most candidates usually qualify; twice as many each time they did not
        int batchSize = Math.min(SCAN_BATCH, size + 1);
        while (views.size() <= size) {
            List<StoredRequest> batch = tx.requests().list(ws.workspaceId(), state, author, from, batchSize);
            Map<String, List<StoredResource>> items = ReadableItems.ofBatch(tx, ws, batch);
            // one query each for the batch's reviews and timelines, which the views below read request by request
            List<String> shown = batch.stream().map(StoredRequest::id).filter(items::containsKey).toList();
            tx.requests().reviews(shown);
            tx.requests().timeline(shown);
            for (StoredRequest row : batch) {
                List<StoredResource> resources = items.get(row.id());
                if (resources == null || filter.reviewerIsMe() && !mayReview(ws, row, resources, settings)) {
                    continue;
                }
                RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, row, resources, settings);
                if (filter.reviewerIsMe() && evaluator.refusal(ws, row, resources, settings, evaluation).isPresent()) {
                    continue;
                }
                views.add(RequestViews.of(tx, slug, row, resources, evaluation, types,
                        RequestActions.allowed(ws, evaluator, row, resources, settings, evaluation), List.of()));
                if (views.size() > size) {
                    break;
                }
            }
            if (batch.size() < batchSize) {
                break;
            }
            from = batch.get(batch.size() - 1).id();
            batchSize = Math.min(SCAN_BATCH, batchSize * 2);
        }
        return views;
    }

    /**
     * The cheap part of "may this caller respond", decided in memory for a whole batch: not their own request
     * (unless self-approval is on), approve permission on every item, and the promotion workflow's reviewers.
     */
    private static boolean mayReview(WorkspaceAccess ws, StoredRequest request, List<StoredResource> items,
            WorkspaceSettings settings) {
        if (request.author().equals(ws.actor().userId()) && !settings.allowSelfApproval()) {
            return false;
        }
        WorkspaceSettings.Promotion promotion = settings.promotion();
        if (request.kind() == RequestKind.PROMOTE && promotion.enabled()
                && (!promotion.reviewerRoles().isEmpty() && !promotion.reviewerRoles().contains(ws.role().name())
                        || !promotion.assignees().isEmpty() && !promotion.assignees().contains(ws.actor().userId()))) {
            return false;
        }
        return items.stream().allMatch(item -> ws.check(Actions.APPROVE, item.type(),
                ContentJson.labels(item.labelsJson())).grant().permits());
    }
}
