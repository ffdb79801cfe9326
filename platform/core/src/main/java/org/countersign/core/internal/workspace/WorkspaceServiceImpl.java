package org.countersign.core.internal.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.Membership;
import org.countersign.api.workspace.SettingsChange;
import org.countersign.api.workspace.Workspace;
import org.countersign.api.workspace.WorkspaceService;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.BuiltInRoles;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.rules.RuleFiles;
import org.countersign.core.internal.rules.RulesGovernance;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Paging;
import org.countersign.core.internal.support.Text;
import org.countersign.core.internal.support.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

@Component(service = WorkspaceService.class)
public class WorkspaceServiceImpl implements WorkspaceService {

    private static final Pattern SLUG = Pattern.compile(Workspace.SLUG_PATTERN);
    private static final int MAX_NAME = 200;

    private final Store store;
    private final AuditLog audit;
    private final AccessControl access;
    private final RulesGovernance governance;
    private final SecretBox secrets;
    /**
     * A rules file written before its workspace applies as the workspace is created (docs/domain.md#approval-rules).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuleFiles ruleFiles;

    @Activate
    public WorkspaceServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference RulesGovernance governance, @Reference SecretBox secrets) {
        this.secrets = secrets;
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.governance = governance;
    }

    @Override
    public Workspace create(Actor actor, String slug, String name) {
        actor.requireInstanceAdmin();
        checkNew(slug, name);
        StoredWorkspace workspace = StoredWorkspace.of(Ids.next("ws"), slug, name.strip(), Times.now(), actor.userId(),
                SettingsCodec.write(WorkspaceSettings.DEFAULTS));
        return store.write(tx -> {
            try {
                tx.workspaces().insert(workspace);
            } catch (DuplicateKeyException e) {
                throw new ConflictException("conflict", "The slug " + slug + " is taken");
            }
            tx.members().put(workspace.id(), actor.userId(), BuiltInRoles.ADMIN, workspace.workspace().createdAt());
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            audit.append(tx, ws.auditEntry("workspace.created", workspace.id(),
                    Details.of("slug", slug, "name", workspace.workspace().name(), "admin", actor.userId())));
            RuleFiles files = ruleFiles;
            if (files != null) {
                files.adoptOnCreate(tx, workspace.id(), slug);
            }
            return workspace.workspace();
        });
    }

    @Override
    public Page<Workspace> list(Actor actor, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String list = "workspaces:" + actor.userId();
        String after = Paging.decode(list, cursor);
        List<StoredWorkspace> rows = store.read(tx -> actor.user().instanceAdmin()
                ? tx.workspaces().list(after, size + 1)
                : tx.workspaces().listForMember(actor.userId(), after, size + 1));
        return Paging.page(list, rows.stream().map(StoredWorkspace::workspace).toList(), size, Workspace::id);
    }

    @Override
    public Workspace get(Actor actor, String slug) {
        return store.read(tx -> access.enter(tx, actor, slug).workspace().workspace());
    }

    @Override
    public WorkspaceSettings settings(Actor actor, String slug) {
        return store.read(tx -> SettingsCodec.redacted(settingsOf(access.enter(tx, actor, slug))));
    }

    @Override
    public SettingsChange updateSettings(Actor actor, String slug, Map<String, Object> patch) {
        if (patch == null) {
            throw new BadRequestException("validation_failed", "The body must be a JSON object of settings");
        }
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            String id = ws.workspaceId();
            WorkspaceSettings before = settingsOf(ws);
            WorkspaceSettings after = SettingsCodec.sealed(new SettingsPatch(
                    role -> access.findRole(tx, id, role).isPresent(),
                    user -> tx.members().role(id, user).isPresent()).apply(before, patch), secrets);
            String pending = null;
            if (before.governRules() && !after.governRules()) {
                // while rules are governed, ungoverning them is itself a rules change that needs approval
                after = after.withGovernRules(true);
                pending = governance.proposeUngoverned(tx, ws);
            }
            if (!after.equals(before)) {
                tx.workspaces().updateSettings(id, SettingsCodec.write(after));
                audit.append(tx, ws.auditEntry("settings.updated", id, Details.of(
                        "before", SettingsCodec.redacted(before), "after", SettingsCodec.redacted(after))));
            }
            return new SettingsChange(SettingsCodec.redacted(after), pending);
        });
    }

    @Override
    public Page<Member> members(Actor actor, String slug, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String list = "members:" + slug;
        String after = Paging.decode(list, cursor);
        List<Member> rows = store.read(tx -> tx.members().list(access.enter(tx, actor, slug).workspaceId(), after,
                size + 1));
        return Paging.page(list, rows, size, Member::userId);
    }

    @Override
    public Member putMember(Actor actor, String slug, String userId, String role) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            String id = ws.workspaceId();
            tx.users().byId(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
            String roleName = access.findRole(tx, id, role == null ? "" : role)
                    .orElseThrow(() -> new BadRequestException("validation_failed", "No role " + role + " in this workspace",
                            List.of(new FieldError("/role", "is not a built-in or custom role of this workspace"))))
                    .name();
            String before = tx.members().role(id, userId).orElse(null);
            if (BuiltInRoles.ADMIN.equals(before) && !BuiltInRoles.ADMIN.equals(roleName)) {
                keepAnAdmin(tx, id);
            }
            tx.members().put(id, userId, roleName, Times.now());
            audit.append(tx, ws.auditEntry("member.updated", userId, Details.of("before", before, "after", roleName)));
            return tx.members().get(id, userId).orElseThrow();
        });
    }

    @Override
    public void removeMember(Actor actor, String slug, String userId) {
        store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            String id = ws.workspaceId();
            String before = tx.members().role(id, userId)
                    .orElseThrow(() -> new NotFoundException("User " + userId + " is not a member of this workspace"));
            if (BuiltInRoles.ADMIN.equals(before)) {
                keepAnAdmin(tx, id);
            }
            tx.members().delete(id, userId);
            audit.append(tx, ws.auditEntry("member.removed", userId, Details.of("before", before)));
            return null;
        });
    }

    @Override
    public List<Membership> memberships(Actor actor) {
        return store.read(tx -> tx.members().memberships(actor.userId()));
    }

    /** Refuses to take away the admin role from the last member holding it. */
    private static void keepAnAdmin(Tx tx, String workspaceId) {
        if (tx.members().countWithRole(workspaceId, BuiltInRoles.ADMIN) <= 1) {
            throw new ConflictException("conflict", "A workspace must keep at least one admin");
        }
    }

    private static WorkspaceSettings settingsOf(WorkspaceAccess ws) {
        return SettingsCodec.read(ws.workspace().settingsJson());
    }

    private static void checkNew(String slug, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (slug == null || !SLUG.matcher(slug).matches()) {
            errors.add(new FieldError("/slug", "must match " + Workspace.SLUG_PATTERN));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("/name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("/name", "must be at most " + MAX_NAME + " characters"));
        } else if (Text.problem(name) != null) {
            errors.add(new FieldError("/name", Text.problem(name)));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "The workspace is invalid", errors);
        }
    }
}
