package org.countersign.core.internal.rules;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.request.RequestEvaluator;
import org.countersign.core.internal.request.RequestRounds;
import org.countersign.core.internal.request.Submissions;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.resource.ResourceRows;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Governed rules (docs/domain.md#workspaces-and-settings {@code governRules}, #approval-rules): while the setting is
 * on, a new script and switching the setting off are both proposed as the draft of the workspace's {@code rules}
 * resource and submitted for approval; they take effect when that request is applied. Proposing again while it is under
 * review edits the draft, which starts a new round of the same request.
 */
@Component(service = RulesGovernance.class)
public class RulesGovernance {

    static final String SOURCE = "source";
    static final String GOVERN_RULES = "governRules";

    private final AuditLog audit;
    private final Submissions submissions;

    @Activate
    public RulesGovernance(@Reference AuditLog audit, @Reference AccessControl access, @Reference RulesGate rules,
            @Reference ResourceTypes types) {
        this.audit = audit;
        this.submissions = new Submissions(audit, types, new RequestEvaluator(access, rules));
    }

    /** Proposes a new script; answers the id of the request holding it. */
    String proposeScript(Tx tx, WorkspaceAccess ws, String source) {
        return propose(tx, ws, SOURCE, source, "Change the rules");
    }

    /** Proposes switching {@code governRules} off; answers the id of the request holding it. */
    public String proposeUngoverned(Tx tx, WorkspaceAccess ws) {
        return propose(tx, ws, GOVERN_RULES, false, "Stop governing rules changes");
    }

    private String propose(Tx tx, WorkspaceAccess ws, String key, Object value, String comment) {
        ws.requireManage();
        String actor = ws.actor().userId();
        StoredResource resource = rulesResource(tx, ws.workspaceId()).orElseGet(() -> {
            StoredResource created = new StoredResource(Ids.next("res"), ws.workspaceId(), RulesResourceType.NAME,
                    "Rules", "{}", "[]", ResourceState.DRAFT, Times.now(), actor, Times.now());
            tx.resources().insert(created);
            return created;
        });
        Optional<StoredDraft> existing = tx.drafts().get(resource.id());
        int version = existing.map(StoredDraft::version).orElse(0) + 1;
        Integer base = existing.map(StoredDraft::baseRevision).orElseGet(() -> {
            int latest = tx.revisions().latest(resource.id());
            return latest == 0 ? null : latest;
        });
        Set<String> contributors = new LinkedHashSet<>(existing.map(d -> ContentJson.strings(d.contributorsJson()))
                .orElse(List.of()));
        contributors.add(actor);
        // what is already proposed stays proposed: a new script does not drop a pending switch-off, nor the reverse
        Map<String, Object> config = new LinkedHashMap<>(existing.map(d -> ContentJson.content(d.contentJson()).config())
                .orElse(Map.of()));
        config.put(key, value);
        ResourceContent content = new ResourceContent("Rules", Map.of(), List.of(), config);
        String requestId = existing.map(StoredDraft::requestId).orElse(null);
        tx.drafts().put(new StoredDraft(resource.id(), version, ContentJson.write(content),
                ContentJson.write(List.copyOf(contributors)), base, Times.now(), actor, requestId));
        if (resource.state() == ResourceState.PUBLISHED) {
            tx.resources().update(ResourceRows.withState(resource, ResourceState.CHANGED));
        }
        audit.append(tx, ws.auditEntry("draft.saved", resource.id(), Details.of("version", version, "paths",
                List.of("/config/" + key))));
        if (requestId != null) {
            RequestRounds.draftEdited(tx, ws, audit, requestId, resource.id(), version);
            return requestId;
        }
        return submissions.submit(tx, ws, new NewRequest(RequestKind.PUBLISH.wire(), List.of(resource.id()), null, null,
                null, comment)).id();
    }

    /** The request holding a proposed rules change, if one is under review. */
    static String pendingRequest(Tx tx, String workspaceId) {
        return rulesResource(tx, workspaceId).flatMap(r -> tx.drafts().get(r.id())).map(StoredDraft::requestId)
                .orElse(null);
    }

    /**
     * A rules change going live: the script becomes the workspace's (unless it is the one in force already),
     * and a switch-off turns {@code governRules} off.
     */
    public static void wentLive(Tx tx, AuditLog audit, WorkspaceAccess ws, Map<String, Object> config) {
        String actor = ws.actor().userId();
        if (config.get(SOURCE) instanceof String source && !source.equals(tx.ruleScripts().current(ws.workspaceId())
                .map(StoredRuleScript::source).orElse(null))) {
            RuleScripts.save(tx, audit, ws.workspaceId(), source, actor, ws.actor().requestId(), StoredRuleScript.API);
        }
        if (Boolean.FALSE.equals(config.get(GOVERN_RULES))) {
            WorkspaceSettings before = SettingsCodec.read(tx.workspaces().bySlug(ws.workspace().workspace().slug())
                    .orElseThrow().settingsJson());
            WorkspaceSettings after = before.withGovernRules(false);
            if (!after.equals(before)) {
                tx.workspaces().updateSettings(ws.workspaceId(), SettingsCodec.write(after));
                audit.append(tx, ws.auditEntry("settings.updated", ws.workspaceId(), Details.of(
                        "before", SettingsCodec.redacted(before), "after", SettingsCodec.redacted(after))));
            }
        }
    }

    static Optional<StoredResource> rulesResource(Tx tx, String workspaceId) {
        return tx.resources().list(workspaceId, RulesResourceType.NAME, null, Map.of(), null, 1).stream().findFirst();
    }
}
