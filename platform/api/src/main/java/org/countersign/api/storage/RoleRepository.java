package org.countersign.api.storage;

import java.util.List;
import java.util.Optional;

/** Custom roles; built-in roles live in code. */
public interface RoleRepository {

    /** Inserts or replaces a role. */
    void put(StoredRole role);

    Optional<StoredRole> get(String workspaceId, String name);

    /** The workspace's custom roles ordered by name. */
    List<StoredRole> list(String workspaceId);

    /** False when there was no such role. */
    boolean delete(String workspaceId, String name);
}
