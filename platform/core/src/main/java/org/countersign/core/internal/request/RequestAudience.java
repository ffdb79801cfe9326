package org.countersign.core.internal.request;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.User;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Who hears of a request event (docs/domain.md#notifications): on submit the requested reviewers, or with none every
 * member who may approve it; when a draft in it is edited, the approvers whose approvals went stale; on every other
 * action the author and every participant (requested reviewers, reviewers, everyone on the timeline), which covers the
 * requester of a promotion. Never the person who acted, and only current members of the workspace.
 */
@Component(service = RequestAudience.class)
public class RequestAudience {

    /** The payload key of a submission's audience when it named no reviewers: who could approve it then. */
    static final String ELIGIBLE = "eligibleApprovers";

    private final AccessControl access;
    private final RequestEvaluator evaluator;

    @Activate
    public RequestAudience(@Reference AccessControl access, @Reference RulesGate rules) {
        this.access = access;
        this.evaluator = new RequestEvaluator(access, rules);
    }

    /** The user ids to notify of a {@code request.*} event about {@code request}. */
    public Set<String> recipients(Tx tx, StoredWorkspace workspace, StoredRequest request, String type,
            Map<String, Object> payload) {
        Set<String> who = new LinkedHashSet<>();
        List<String> requested = ContentJson.strings(request.reviewersJson());
        if (type.equals("request.submitted") && requested.isEmpty()) {
            // events written before submissions carried their audience are evaluated now
            who.addAll(payload.containsKey(ELIGIBLE) ? strings(payload.get(ELIGIBLE))
                    : eligibleApprovers(tx, workspace, request));
        } else {
            switch (type) {
                case "request.submitted" -> who.addAll(requested);
                case "request.draft_updated" -> who.addAll(strings(payload.get("earlierApprovers")));
                default -> {
                    who.add(request.author());
                    who.addAll(participants(tx, request));
                }
            }
        }
        // someone who left the workspace since hears nothing more of it
        who.removeIf(userId -> tx.members().role(workspace.id(), userId).isEmpty());
        who.remove(payload.get("actor"));
        return who;
    }

    private List<String> eligibleApprovers(Tx tx, StoredWorkspace workspace, StoredRequest request) {
        Optional<User> author = tx.users().byId(request.author());
        if (author.isEmpty()) {
            return List.of();
        }
        WorkspaceAccess ws;
        try {
            ws = access.enter(tx, new Actor(author.get(), null, null), workspace.workspace().slug());
        } catch (NotFoundException authorLeft) {
            return List.of();
        }
        List<String> ids = tx.requests().items(request.id()).stream().map(StoredRequestItem::resourceId).toList();
        List<StoredResource> items = tx.resources().byIdsWithDeleted(workspace.id(), ids);
        WorkspaceSettings settings = SettingsCodec.read(workspace.settingsJson());
        RequestEvaluator.Evaluation evaluation = evaluator.evaluate(tx, ws, request, items, settings);
        return evaluator.eligibleApprovers(tx, request, items, settings, evaluation);
    }

    private static Set<String> participants(Tx tx, StoredRequest request) {
        Set<String> participants = new LinkedHashSet<>(ContentJson.strings(request.reviewersJson()));
        tx.requests().reviews(request.id()).stream().map(StoredReview::userId).forEach(participants::add);
        tx.requests().timeline(request.id()).stream().map(StoredRequestEvent::actor).forEach(participants::add);
        return participants;
    }

    private static List<String> strings(Object value) {
        return value instanceof Collection<?> list
                ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }
}
