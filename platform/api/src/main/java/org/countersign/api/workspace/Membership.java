package org.countersign.api.workspace;

/** One workspace a user belongs to, seen from the user. */
public record Membership(String workspaceId, String slug, String name, String role) {
}
