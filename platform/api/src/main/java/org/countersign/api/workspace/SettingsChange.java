package org.countersign.api.workspace;

/**
 * The settings after a partial update, and the request holding the part of it that needs approval first
 * (null when everything applied at once).
 */
public record SettingsChange(WorkspaceSettings settings, String pendingRequest) {
}
