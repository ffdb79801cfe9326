package org.countersign.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** At most one draft per resource. */
public interface DraftRepository {

    /** Inserts or replaces the resource's draft; every version is kept in its history. */
    void put(StoredDraft draft);

    /** The content a version of the resource's draft had when it was saved. */
    Optional<String> versionContent(String resourceId, int version);

    Optional<StoredDraft> get(String resourceId);

    /** The drafts of the given resources, in no particular order. */
    List<StoredDraft> get(Collection<String> resourceIds);

    /** False when there was none. */
    boolean delete(String resourceId);
}
