package org.countersign.api.storage;

import java.time.Instant;
import org.countersign.api.workspace.Workspace;

/** A workspace row; {@code settingsJson} is the settings document as the core wrote it. */
public record StoredWorkspace(Workspace workspace, String settingsJson) {

    public String id() {
        return workspace.id();
    }

    public static StoredWorkspace of(String id, String slug, String name, Instant createdAt, String createdBy,
            String settingsJson) {
        return new StoredWorkspace(new Workspace(id, slug, name, createdAt, createdBy), settingsJson);
    }
}
