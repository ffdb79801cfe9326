package org.countersign.core.internal.access;

import static org.countersign.api.access.Actions.ALL;
import static org.countersign.api.access.Actions.APPROVE;
import static org.countersign.api.access.Actions.CREATE;
import static org.countersign.api.access.Actions.DEBUGGER;
import static org.countersign.api.access.Actions.DELETE;
import static org.countersign.api.access.Actions.MANAGE;
import static org.countersign.api.access.Actions.PREVIEW;
import static org.countersign.api.access.Actions.READ;
import static org.countersign.api.access.Actions.TESTROW;
import static org.countersign.api.access.Actions.UPDATE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;

/**
 * The nine built-in roles, written as statements so that they read like the Hightouch permission table
 * (seeds/004): Full is every action, Full* every action through approved drafts, Limited is Full without
 * {@code start}/{@code enable}, Read is {@code read}, and the Account column is {@code manage}. Types the
 * table does not name (policy, integration, any plugin's) fall to the {@code "*"} statements: admin and
 * editor full, draft editor Full*, everyone else read. {@code approve} comes from seeds/001: every role
 * but the draft editor and the viewer may approve.
 */
public final class BuiltInRoles {

    public static final String ADMIN = "admin";
    public static final String WORKSPACE_EDITOR = "workspace_editor";
    public static final String MODEL_SYNC_EDITOR = "model_sync_editor";
    public static final String SYNC_EDITOR = "sync_editor";
    public static final String AUDIENCE_EDITOR = "audience_editor";
    public static final String SOURCE_ADMIN = "source_admin";
    public static final String DESTINATION_ADMIN = "destination_admin";
    public static final String WORKSPACE_VIEWER = "workspace_viewer";
    public static final String WORKSPACE_DRAFT_EDITOR = "workspace_draft_editor";

    private static final List<String> FULL = List.of(ALL);
    private static final List<String> LIMITED = List.of(CREATE, READ, UPDATE, DELETE, PREVIEW, DEBUGGER, TESTROW);
    private static final List<String> EVERY_TYPE = List.of(ALL);

    private static final Map<String, Role> ROLES = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("workspace_draft_contributor", WORKSPACE_DRAFT_EDITOR);

    static {
        add(ADMIN, "Unrestricted access to every resource, and manages the workspace",
                Statement.allow(FULL, EVERY_TYPE),
                Statement.allow(List.of(MANAGE), EVERY_TYPE));
        add(WORKSPACE_EDITOR, "Full access to every resource, but cannot manage the workspace",
                Statement.allow(FULL, EVERY_TYPE));
        add(MODEL_SYNC_EDITOR, "Edits models, syncs and audiences; reads sources and destinations",
                Statement.allow(FULL, List.of("model", "sync", "audience")),
                readEverything(),
                approveEverything());
        add(SYNC_EDITOR, "Edits syncs and audiences, including enabling syncs; reads everything else",
                Statement.allow(FULL, List.of("sync", "audience")),
                readEverything(),
                approveEverything());
        add(AUDIENCE_EDITOR, "Edits audiences and syncs, but cannot enable syncs or start sync runs",
                Statement.allow(FULL, List.of("audience")),
                Statement.allow(LIMITED, List.of("sync")),
                readEverything(),
                approveEverything());
        add(SOURCE_ADMIN, "Sets up sources and models; reads everything else",
                Statement.allow(FULL, List.of("source", "model")),
                readEverything(),
                approveEverything());
        add(DESTINATION_ADMIN, "Sets up destinations and manages the workspace; reads everything else",
                Statement.allow(FULL, List.of("destination")),
                Statement.allow(List.of(MANAGE), EVERY_TYPE),
                readEverything(),
                approveEverything());
        add(WORKSPACE_VIEWER, "Reads every resource",
                readEverything());
        add(WORKSPACE_DRAFT_EDITOR, "Edits everything; changes to models, syncs and other governed types need approval",
                Statement.allow(FULL, List.of("source", "destination", "audience")),
                Statement.allowDraftOnly(FULL, EVERY_TYPE),
                new Statement(Statement.DENY, List.of(APPROVE), EVERY_TYPE, false, null));
    }

    private BuiltInRoles() {
    }

    /** Built-in roles in the order of the seed table. */
    public static List<Role> all() {
        return List.copyOf(ROLES.values());
    }

    /** The built-in role of this name or alias. */
    public static Optional<Role> byName(String name) {
        return Optional.ofNullable(ROLES.get(ALIASES.getOrDefault(name, name)));
    }

    /** True for the names and aliases of built-in roles, which custom roles cannot take. */
    public static boolean isBuiltIn(String name) {
        return byName(name).isPresent();
    }

    private static Statement readEverything() {
        return Statement.allow(List.of(READ), EVERY_TYPE);
    }

    private static Statement approveEverything() {
        return Statement.allow(List.of(APPROVE), EVERY_TYPE);
    }

    private static void add(String name, String description, Statement... statements) {
        List<String> aliases = ALIASES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .toList();
        ROLES.put(name, new Role(name, description, true, aliases, List.of(statements)));
    }
}
