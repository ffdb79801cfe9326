package org.countersign.api.approval;

/**
 * Filters of a request list. {@code reviewerIsMe}: requests that ask the caller to review, or that the caller
 * may approve now; {@code authorIsMe}: the caller's own.
 */
public record RequestFilter(String state, boolean reviewerIsMe, boolean authorIsMe) {
}
