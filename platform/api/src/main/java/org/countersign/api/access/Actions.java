package org.countersign.api.access;

import java.util.List;

/**
 * The actions of docs/domain.md#members-roles-and-permissions. {@link #MANAGE} is workspace-level; the others apply to
 * resources.
 */
public final class Actions {

    public static final String CREATE = "create";
    public static final String READ = "read";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String PREVIEW = "preview";
    public static final String START = "start";
    public static final String ENABLE = "enable";
    public static final String DEBUGGER = "debugger";
    public static final String TESTROW = "testrow";
    public static final String APPROVE = "approve";
    public static final String MANAGE = "manage";
    public static final String ALL = "*";

    /** Every action on resources, in the order the seeds list them. */
    public static final List<String> RESOURCE_ACTIONS = List.of(CREATE, READ, UPDATE, DELETE, PREVIEW, START, ENABLE,
            DEBUGGER, TESTROW, APPROVE);

    /** The actions that change a resource and so may be limited to drafts ({@code draftOnly}). */
    public static final List<String> WRITE_ACTIONS = List.of(CREATE, UPDATE, DELETE);

    private Actions() {
    }
}
