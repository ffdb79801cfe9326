package org.countersign.core.internal.access;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.StorageException;
import org.countersign.api.storage.StoredRole;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.support.JsonText;
import org.osgi.service.component.annotations.Component;

/**
 * The one gate into a workspace: every workspace operation starts here. A workspace that does not exist
 * and one the actor is not a member of look the same (404), so ids and slugs of other workspaces leak nothing.
 */
@Component(service = AccessControl.class)
public class AccessControl {

    static final TypeReference<List<Statement>> STATEMENTS = new TypeReference<>() {
    };

    /** What an instance admin who is not a member may do: manage, so that a workspace can always be recovered. */
    private static final Role INSTANCE_ADMIN = new Role("instance_admin",
            "An instance admin outside the workspace: may manage it, nothing more", true, List.of(),
            List.of(Statement.allow(List.of(Actions.MANAGE), List.of(Actions.ALL))));

    public WorkspaceAccess enter(Tx tx, Actor actor, String slug) {
        StoredWorkspace workspace = tx.workspaces().bySlug(slug).orElseThrow(() -> noWorkspace(slug));
        Optional<String> roleName = tx.members().role(workspace.id(), actor.userId());
        if (roleName.isEmpty()) {
            if (actor.user().instanceAdmin()) {
                return new WorkspaceAccess(workspace, actor, INSTANCE_ADMIN, false);
            }
            throw noWorkspace(slug);
        }
        Role role = role(tx, workspace.id(), roleName.get());
        if (actor.user().instanceAdmin()) {
            // instance admins can always manage, member or not, so a workspace can always be recovered
            List<Statement> statements = new ArrayList<>(role.statements());
            statements.addAll(INSTANCE_ADMIN.statements());
            role = new Role(role.name(), role.description(), role.builtIn(), role.aliases(), statements);
        }
        return new WorkspaceAccess(workspace, actor, role, true);
    }

    /** The role of this name in the workspace: a built-in one, or a custom one from storage. */
    public Optional<Role> findRole(Tx tx, String workspaceId, String name) {
        return BuiltInRoles.byName(name).or(() -> tx.roles().get(workspaceId, name).map(AccessControl::toRole));
    }

    static Role toRole(StoredRole stored) {
        return new Role(stored.name(), stored.description(), false, List.of(),
                JsonText.read(stored.statementsJson(), STATEMENTS));
    }

    private Role role(Tx tx, String workspaceId, String name) {
        // members only ever hold existing roles: a role in use cannot be deleted
        return findRole(tx, workspaceId, name)
                .orElseThrow(() -> new StorageException("Member holds the unknown role " + name, null));
    }

    private static NotFoundException noWorkspace(String slug) {
        return new NotFoundException("No workspace " + slug);
    }
}
