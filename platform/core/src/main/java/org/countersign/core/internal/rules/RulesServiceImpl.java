package org.countersign.core.internal.rules;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.ConflictException;
import org.countersign.api.identity.Actor;
import org.countersign.api.rules.InvalidRulesException;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.countersign.api.rules.RulesScriptView;
import org.countersign.api.rules.RulesService;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredRuleScript;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Versioned rules scripts per workspace, compiled in the engine's sandbox before they are saved. */
@Component(service = RulesService.class)
public class RulesServiceImpl implements RulesService {

    private final Store store;
    private final AuditLog audit;
    private final AccessControl access;
    private final RulesGate rules;
    private final RulesGovernance governance;

    @Activate
    public RulesServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference RulesGate rules, @Reference RulesGovernance governance) {
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.rules = rules;
        this.governance = governance;
    }

    @Override
    public RulesScriptView get(Actor actor, String slug) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            return view(tx, ws.workspaceId());
        });
    }

    @Override
    public RulesScriptView put(Actor actor, String slug, String source) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            if (tx.ruleScripts().current(ws.workspaceId()).map(StoredRuleScript::managedBy)
                    .filter(StoredRuleScript.FILE::equals).isPresent()) {
                throw new ConflictException("managed_by_file", "This workspace's rules come from rules/" + slug
                        + ".groovy in the runtime folder; change that file instead");
            }
            List<RuleProblem> problems = engine().check(source == null ? "" : source);
            if (!problems.isEmpty()) {
                throw new InvalidRulesException(problems);
            }
            if (SettingsCodec.read(ws.workspace().settingsJson()).governRules()) {
                governance.proposeScript(tx, ws, source);
                return view(tx, ws.workspaceId());
            }
            RuleScripts.save(tx, audit, ws.workspaceId(), source, actor.userId(), actor.requestId(),
                    StoredRuleScript.API);
            return view(tx, ws.workspaceId());
        });
    }

    @Override
    public RuleDecision evaluate(Actor actor, String slug, String source, Map<String, Object> change,
            Map<String, Object> resource, Map<String, Object> author, List<String> paths) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            String script = source != null ? source : tx.ruleScripts().current(ws.workspaceId())
                    .map(StoredRuleScript::source).orElse("");
            if (script.isBlank()) {
                return new RuleDecision(false, List.of(), false, false, List.of(), List.of(), false, List.of());
            }
            List<RuleProblem> problems = engine().check(script);
            if (!problems.isEmpty()) {
                throw new InvalidRulesException(problems);
            }
            WorkspaceSettings settings = SettingsCodec.read(ws.workspace().settingsJson());
            Map<String, Object> workspace = Details.of("slug", slug, "settings",
                    JsonText.convert(SettingsCodec.redacted(settings), JsonText.TREE));
            RuleContext context = new RuleContext(orEmpty(change), orEmpty(resource), orEmpty(author),
                    paths == null ? List.of() : paths, ZonedDateTime.now(ZoneId.of(settings.timezone())), workspace);
            return engine().evaluate(script, context);
        });
    }

    private RulesScriptView view(Tx tx, String workspaceId) {
        String pending = RulesGovernance.pendingRequest(tx, workspaceId);
        return tx.ruleScripts().current(workspaceId)
                .map(s -> new RulesScriptView(s.source(), s.version(), s.managedBy(), s.createdAt(), s.createdBy(),
                        pending, problems(s)))
                .orElse(new RulesScriptView("", 0, null, null, null, pending, List.of()));
    }

    /** A script from a file may not compile (nor one the API took over from such a file): then it says why. */
    private List<RuleProblem> problems(StoredRuleScript script) {
        return rules.engine().map(engine -> engine.check(script.source())).orElse(List.of());
    }

    private RuleEngine engine() {
        return rules.engine().orElseThrow(() -> new ConflictException("conflict",
                "No rule engine is installed: the rules bundle is not running"));
    }

    private static Map<String, Object> orEmpty(Map<String, Object> map) {
        return map == null ? Map.of() : map;
    }
}
