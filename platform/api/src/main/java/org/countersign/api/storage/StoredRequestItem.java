package org.countersign.api.storage;

/** One resource of a request, in order: the draft version it carries, or the revision it promotes or deletes. */
public record StoredRequestItem(String requestId, int position, String resourceId, Integer draftVersion,
        Integer revision) {
}
