package org.countersign.core.internal.rules;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.JsonText;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Asks the rule engine, when one is installed and the workspace has a script, what its rules add to a change
 * (docs/domain.md#approval-rules): evaluated once per item and merged. Rules only tighten; without an engine or a
 * script nothing is added. An engine that fails makes the change fail closed: approval required and blocked.
 */
@Component(service = RulesGate.class)
public class RulesGate {

    private volatile RuleEngine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setEngine(RuleEngine engine) {
        this.engine = engine;
    }

    public void unsetEngine(RuleEngine engine) {
        if (this.engine == engine) {
            this.engine = null;
        }
    }

    /** What is being changed: the kind, environments and items of a request or a direct change. */
    public record Change(String kind, String targetEnvironment, String sourceEnvironment, List<Item> items, String authorId) {
    }

    /** One item with what it changes. */
    public record Item(String id, String type, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config, List<String> changedPaths) {
    }

    /** A requirement a rule added; {@code eligible} null means anyone with approve permission. */
    public record RuleRequirement(String description, int needed, Set<String> eligible) {
    }

    /** The rules' merged verdict on a change. */
    public record Outcome(boolean requireApproval, List<RuleRequirement> requirements, boolean forbidSelfApproval,
            boolean forbidContributorApproval, List<String> blocks, Set<String> reviewers, boolean applyManually,
            List<String> matchedRules) {

        public static final Outcome NONE = new Outcome(false, List.of(), false, false, List.of(), Set.of(), false, List.of());
    }

    /** The installed engine, if any. */
    Optional<RuleEngine> engine() {
        return Optional.ofNullable(engine);
    }

    public Outcome evaluate(Tx tx, WorkspaceAccess ws, WorkspaceSettings settings, Change change) {
        RuleEngine current = engine;
        Optional<StoredRuleScript> script = tx.ruleScripts().current(ws.workspaceId());
        if (current == null || script.isEmpty()) {
            return Outcome.NONE;
        }
        List<RuleDecision> decisions = new ArrayList<>();
        for (Item item : change.items()) {
            try {
                decisions.add(current.evaluate(script.get().source(), context(tx, ws, settings, change, item)));
            } catch (RuntimeException e) {
                return failClosed(e.getMessage());
            }
        }
        return merge(tx, ws, change, decisions);
    }

    private Outcome merge(Tx tx, WorkspaceAccess ws, Change change, List<RuleDecision> decisions) {
        boolean requireApproval = false;
        boolean forbidSelf = false;
        boolean forbidContributors = false;
        boolean manual = false;
        List<RuleRequirement> requirements = new ArrayList<>();
        Set<String> blocks = new LinkedHashSet<>();
        Set<String> reviewers = new LinkedHashSet<>();
        Set<String> matched = new LinkedHashSet<>();
        for (int i = 0; i < decisions.size(); i++) {
            RuleDecision d = decisions.get(i);
            Item item = change.items().get(i);
            requireApproval |= d.requireApproval();
            forbidSelf |= d.forbidSelfApproval();
            forbidContributors |= d.forbidContributorApproval();
            manual |= d.applyManually();
            blocks.addAll(d.blocks());
            matched.addAll(d.matchedRules());
            for (String email : d.reviewerEmails()) {
                tx.users().byEmail(email).ifPresent(user -> reviewers.add(user.id()));
            }
            for (RuleDecision.Requirement r : d.requirements()) {
                RuleRequirement requirement = new RuleRequirement(describe(r), r.approvals(), group(tx, ws, r, item));
                if (!requirements.contains(requirement)) {
                    requirements.add(requirement);
                }
            }
        }
        return new Outcome(requireApproval, requirements, forbidSelf, forbidContributors, List.copyOf(blocks),
                reviewers, manual, List.copyOf(matched));
    }

    private static Set<String> group(Tx tx, WorkspaceAccess ws, RuleDecision.Requirement r, Item item) {
        Set<String> members = new LinkedHashSet<>();
        switch (r.group()) {
            case "role" -> r.members().forEach(role -> members.addAll(tx.members().withRole(ws.workspaceId(), role)));
            case "users" -> r.members().forEach(email -> tx.users().byEmail(email).ifPresent(u -> members.add(u.id())));
            case "owners" -> members.addAll(item.owners());
            default -> {
                return null;
            }
        }
        return members;
    }

    private static String describe(RuleDecision.Requirement r) {
        String from = switch (r.group()) {
            case "role" -> "members with role " + String.join(", ", r.members());
            case "users" -> String.join(", ", r.members());
            case "owners" -> "the resource's owners";
            default -> "anyone with approve permission";
        };
        return r.approvals() + " approval" + (r.approvals() == 1 ? "" : "s") + " from " + from + " (rule '" + r.rule() + "')";
    }

    private static Outcome failClosed(String message) {
        return new Outcome(true, List.of(), false, false, List.of("rules error: " + message), Set.of(), false, List.of());
    }

    private static RuleContext context(Tx tx, WorkspaceAccess ws, WorkspaceSettings settings, Change change, Item item) {
        Map<String, Object> changeFacts = Details.of("kind", change.kind(), "targetEnvironment", change.targetEnvironment(),
                "sourceEnvironment", change.sourceEnvironment(), "items",
                change.items().stream().map(Item::id).toList());
        Map<String, Object> resource = Details.of("id", item.id(), "type", item.type(), "name", item.name(), "labels",
                item.labels(), "owners", item.owners(), "config", item.config());
        Map<String, Object> actor = Details.of("id", change.authorId(), "email",
                tx.users().byId(change.authorId()).map(u -> u.email()).orElse(null), "role",
                tx.members().role(ws.workspaceId(), change.authorId()).orElse(null));
        Map<String, Object> workspace = Details.of("slug", ws.workspace().workspace().slug(), "settings",
                JsonText.convert(settings, JsonText.TREE));
        return new RuleContext(changeFacts, resource, actor, item.changedPaths(),
                ZonedDateTime.now(ZoneId.of(settings.timezone())), workspace);
    }
}
