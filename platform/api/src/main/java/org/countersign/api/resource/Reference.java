package org.countersign.api.resource;

/** A reference from one resource's config to another resource, found at {@code path}. */
public record Reference(String path, String type, String resourceId) {
}
