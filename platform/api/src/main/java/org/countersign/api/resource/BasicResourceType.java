package org.countersign.api.resource;

import java.util.List;

/**
 * The fixed facts most resource types declare, in one constructor call; a type overrides the optional parts
 * (write-only paths, text diffs, checks, references) it needs.
 */
public abstract class BasicResourceType implements ResourceType {

    private final String name;
    private final boolean governed;
    private final List<String> actions;
    private final String configSchema;
    private final List<String> approvalRelevantPaths;

    protected BasicResourceType(String name, boolean governed, List<String> actions, String configSchema,
            List<String> approvalRelevantPaths) {
        this.name = name;
        this.governed = governed;
        this.actions = List.copyOf(actions);
        this.configSchema = configSchema;
        this.approvalRelevantPaths = List.copyOf(approvalRelevantPaths);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean governed() {
        return governed;
    }

    @Override
    public final List<String> actions() {
        return actions;
    }

    @Override
    public final String configSchema() {
        return configSchema;
    }

    @Override
    public final List<String> approvalRelevantPaths() {
        return approvalRelevantPaths;
    }
}
