package org.countersign.core.internal.access;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.countersign.api.access.AccessService;
import org.countersign.api.access.Actions;
import org.countersign.api.access.PermissionCheck;
import org.countersign.api.access.PermissionReport;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredRole;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

@Component(service = AccessService.class)
public class AccessServiceImpl implements AccessService {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final Store store;
    private final AuditLog audit;
    private final AccessControl access;
    private final ResourceTypes types;

    @Activate
    public AccessServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference ResourceTypes types) {
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.types = types;
    }

    @Override
    public List<Role> roles(Actor actor, String slug) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            List<Role> roles = new ArrayList<>(BuiltInRoles.all());
            tx.roles().list(ws.workspaceId()).forEach(stored -> roles.add(AccessControl.toRole(stored)));
            return roles;
        });
    }

    @Override
    public Role putRole(Actor actor, String slug, String name, String description, List<Statement> statements) {
        return store.write(tx -> {
            // the gate comes first: a non-member learns nothing, not even that a name is invalid
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            checkCustomName(name);
            RoleValidation.check(description, statements, knownActions());
            Optional<StoredRole> before = tx.roles().get(ws.workspaceId(), name);
            StoredRole role = new StoredRole(ws.workspaceId(), name, description == null ? "" : description,
                    JsonText.write(statements), Times.now());
            tx.roles().put(role);
            audit.append(tx, ws.auditEntry(before.isEmpty() ? "role.created" : "role.updated", name, Details.of(
                    "before", before.map(AccessServiceImpl::auditView).orElse(null), "after", auditView(role))));
            return AccessControl.toRole(role);
        });
    }

    @Override
    public void deleteRole(Actor actor, String slug, String name) {
        store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            ws.requireManage();
            refuseBuiltIn(name);
            StoredRole role = tx.roles().get(ws.workspaceId(), name)
                    .orElseThrow(() -> new NotFoundException("No role " + name));
            long holders = tx.members().countWithRole(ws.workspaceId(), name);
            if (holders > 0) {
                throw new ConflictException("role_in_use", "The role " + name + " is held by " + holders
                        + " member(s); give them another role first");
            }
            if (SettingsCodec.read(ws.workspace().settingsJson()).promotion().reviewerRoles().contains(name)) {
                throw new ConflictException("role_in_use",
                        "The role " + name + " reviews promotions (promotion.reviewerRoles); remove it there first");
            }
            tx.roles().delete(ws.workspaceId(), name);
            audit.append(tx, ws.auditEntry("role.deleted", name, Details.of("before", auditView(role))));
            return null;
        });
    }

    @Override
    public PermissionReport explain(Actor actor, String slug, String userId, String resourceId, String resourceType,
            Map<String, String> labels) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            String subject = userId == null ? actor.userId() : userId;
            if (!subject.equals(actor.userId())) {
                ws.requireManage();
            }
            Role role = subjectRole(tx, ws, subject);
            String type = resourceType;
            Map<String, String> resourceLabels = labels == null ? Map.of() : labels;
            if (resourceId != null) {
                StoredResource resource = tx.resources().byId(ws.workspaceId(), resourceId)
                        .filter(r -> ws.check(Actions.READ, r.type(), labelsOf(r)).grant().permits())
                        .orElseThrow(() -> new NotFoundException("No resource " + resourceId));
                type = resource.type();
                resourceLabels = labelsOf(resource);
            }
            List<PermissionCheck> checks = new ArrayList<>();
            if (type == null) {
                checks.add(PermissionEvaluator.check(role, Actions.MANAGE, null, Map.of()));
            }
            for (String each : type == null ? knownTypes() : List.of(type)) {
                for (String action : actionsOf(each)) {
                    checks.add(PermissionEvaluator.check(role, action, each, resourceLabels));
                }
            }
            return new PermissionReport(subject, role.name(), resourceId, type, resourceLabels, checks);
        });
    }

    private static Map<String, String> labelsOf(StoredResource resource) {
        return JsonText.read(resource.labelsJson(), LABELS);
    }

    private Role subjectRole(Tx tx, WorkspaceAccess ws, String userId) {
        if (userId.equals(ws.actor().userId())) {
            return ws.role();
        }
        String name = tx.members().role(ws.workspaceId(), userId)
                .orElseThrow(() -> new NotFoundException("User " + userId + " is not a member of this workspace"));
        return access.findRole(tx, ws.workspaceId(), name).orElseThrow();
    }

    /** The types of the seed table and every registered plugin's. */
    private List<String> knownTypes() {
        Set<String> names = new LinkedHashSet<>(List.of("source", "model", "destination", "sync", "audience"));
        types.all().forEach(type -> names.add(type.name()));
        return List.copyOf(names);
    }

    private List<String> actionsOf(String type) {
        Set<String> actions = new LinkedHashSet<>(Actions.RESOURCE_ACTIONS);
        types.find(type).map(ResourceType::actions).ifPresent(actions::addAll);
        return List.copyOf(actions);
    }

    private Set<String> knownActions() {
        Set<String> actions = new LinkedHashSet<>(Actions.RESOURCE_ACTIONS);
        actions.add(Actions.MANAGE);
        actions.add(Actions.ALL);
        types.all().forEach(type -> actions.addAll(type.actions()));
        return actions;
    }

    private static void checkCustomName(String name) {
        if (name == null || !RoleValidation.ROLE_NAME.matcher(name).matches()) {
            throw new BadRequestException("validation_failed", "Role names are lower-case letters, digits, '_' and '-'",
                    List.of(new FieldError("/name", "must match " + RoleValidation.ROLE_NAME.pattern())));
        }
        refuseBuiltIn(name);
    }

    private static void refuseBuiltIn(String name) {
        if (BuiltInRoles.isBuiltIn(name)) {
            throw new ConflictException("conflict", "The built-in role " + name + " cannot be changed or deleted");
        }
    }

    private static Map<String, Object> auditView(StoredRole role) {
        return Details.of("description", role.description(), "statements",
                JsonText.read(role.statementsJson(), AccessControl.STATEMENTS));
    }
}
