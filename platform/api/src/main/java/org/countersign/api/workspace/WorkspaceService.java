package org.countersign.api.workspace;

import java.util.List;
import java.util.Map;
import org.countersign.api.identity.Actor;
import org.countersign.api.storage.Page;

/**
 * Workspaces, their settings and members (docs/domain.md#workspaces-and-settings, #members-roles-and-permissions).
 * Every method checks the actor's permissions; a workspace the actor is not a member of answers 404 as if it did not
 * exist. Every change is audited in the workspace's chain in the same transaction.
 */
public interface WorkspaceService {

    /** Creates a workspace (instance admins only); the creator becomes its admin member. */
    Workspace create(Actor actor, String slug, String name);

    /** The actor's workspaces (instance admins: all), ordered by id. */
    Page<Workspace> list(Actor actor, String cursor, Integer limit);

    Workspace get(Actor actor, String slug);

    WorkspaceSettings settings(Actor actor, String slug);

    /**
     * Applies a partial update (JSON merge patch; dotted keys such as {@code promotion.enabled} are
     * accepted too). Unknown keys fail with {@code unknown_field}, wrong values with {@code validation_failed}.
     * Switching {@code governRules} off while it is on is itself a change that needs approval: it becomes a
     * request ({@link SettingsChange#pendingRequest()}) and the rest of the patch applies at once.
     */
    SettingsChange updateSettings(Actor actor, String slug, Map<String, Object> patch);

    Page<Member> members(Actor actor, String slug, String cursor, Integer limit);

    /** Gives a user a role in the workspace, replacing any role they had. */
    Member putMember(Actor actor, String slug, String userId, String role);

    /** Removes a member; the last admin cannot be removed or demoted. */
    void removeMember(Actor actor, String slug, String userId);

    /** The workspaces the actor belongs to, with their roles. */
    List<Membership> memberships(Actor actor);
}
