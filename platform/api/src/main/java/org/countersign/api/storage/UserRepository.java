package org.countersign.api.storage;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.countersign.api.identity.User;

public interface UserRepository {

    /** Inserts a user; a taken email raises {@link DuplicateKeyException}. */
    void insert(User user);

    Optional<User> byId(String id);

    /** The users among {@code ids} that exist, in no particular order. */
    List<User> byIds(Collection<String> ids);

    /** Case-insensitive lookup. */
    Optional<User> byEmail(String email);

    /** Users with an id greater than {@code afterId} (null: from the start), ordered by id. */
    List<User> list(String afterId, int limit);

    long count();
}
