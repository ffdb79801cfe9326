package org.countersign.api.resource;

/**
 * A resource this one references (a sync's model), as it stands now: its state and, while it has an open
 * draft, the draft's version, so readers see that the dependency is changing
 * (docs/domain.md#resources-drafts-and-revisions).
 */
public record Dependency(String path, String resourceId, String type, String name, ResourceState state,
        Integer draftVersion) {
}
