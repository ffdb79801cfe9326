package org.countersign.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** At most one draft per resource. */
public interface DraftRepository {

    /** Inserts or replaces the resource's draft. */
    void put(StoredDraft draft);

    Optional<StoredDraft> get(String resourceId);

    /** The drafts of the given resources, in no particular order. */
    List<StoredDraft> get(Collection<String> resourceIds);

    /** False when there was none. */
    boolean delete(String resourceId);
}
