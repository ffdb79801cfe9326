package org.countersign.api.resource;

/**
 * Where a resource stands: only a draft, published, or published with a pending draft. {@code DELETED}
 * resources are kept for their history but no longer exist for the API.
 */
public enum ResourceState {
    DRAFT, PUBLISHED, CHANGED, DELETED
}
