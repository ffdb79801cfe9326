package org.countersign.api.approval;

/**
 * Filters of a request list. {@code reviewerIsMe}: the reviewer's pending tab, open requests the caller may
 * approve, decline or send back now; {@code authorIsMe}: the caller's own. Requests with a resource the caller
 * cannot read are never listed.
 */
public record RequestFilter(RequestState state, boolean reviewerIsMe, boolean authorIsMe) {
}
