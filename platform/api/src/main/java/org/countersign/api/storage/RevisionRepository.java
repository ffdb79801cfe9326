package org.countersign.api.storage;

import java.util.List;
import java.util.Optional;

/** The append-only history of each resource. */
public interface RevisionRepository {

    void insert(StoredRevision revision);

    Optional<StoredRevision> get(String resourceId, int number);

    /** The revision an approval request published, if it did. */
    Optional<StoredRevision> byRequest(String resourceId, String requestId);

    /** Every revision of a resource, newest first. */
    List<StoredRevision> list(String resourceId);

    /** The highest revision number, 0 when there is none. */
    int latest(String resourceId);
}
