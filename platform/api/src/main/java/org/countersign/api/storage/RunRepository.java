package org.countersign.api.storage;

import java.util.List;
import org.countersign.api.resource.Run;

public interface RunRepository {

    void insert(String workspaceId, Run run);

    /** The runs of a resource, newest first. */
    List<Run> forResource(String resourceId, int limit);
}
