package org.countersign.api.access;

import java.util.List;
import java.util.Map;
import org.countersign.api.identity.Actor;

/** Roles of a workspace and the explanation of permissions (docs/domain.md#members-roles-and-permissions). */
public interface AccessService {

    /** Built-in roles first, then the workspace's custom roles by name. */
    List<Role> roles(Actor actor, String slug);

    /**
     * Creates or replaces a custom role ({@code manage}); built-in names are refused. Statements are
     * validated strictly: unknown actions, effects and malformed conditions fail with {@code validation_failed}.
     */
    Role putRole(Actor actor, String slug, String name, String description, List<Statement> statements);

    /** Deletes a custom role; 409 {@code role_in_use} while a member holds it. */
    void deleteRole(Actor actor, String slug, String name);

    /**
     * Explains {@code userId}'s permissions (default: the actor). With {@code resourceId} on that resource;
     * otherwise on {@code resourceType} (every known type when null) with the given hypothetical labels.
     */
    PermissionReport explain(Actor actor, String slug, String userId, String resourceId, String resourceType,
            Map<String, String> labels);
}
