package org.countersign.api.identity;

import java.util.List;
import java.util.Optional;
import org.countersign.api.storage.Page;

/**
 * Users and their API keys (docs/domain.md#users-and-api-keys). Every change is audited in the same transaction.
 * Methods taking an {@link Actor} check that the actor may do it.
 */
public interface IdentityService {

    /** The actor a bearer token belongs to; empty for an unknown or revoked token. */
    Optional<Actor> authenticate(String bearerToken, String requestId);

    /** Creates a user (instance admins only); 409 {@code conflict} when the email is taken. */
    User createUser(Actor actor, NewUser user);

    User user(Actor actor, String userId);

    /** Users ordered by id; {@code cursor} is the {@code next} of the previous page, {@code limit} null for the default. */
    Page<User> users(Actor actor, String cursor, Integer limit);

    /** Creates a key for {@code userId}: the actor's own, or anyone's when the actor is an instance admin. */
    IssuedApiKey createApiKey(Actor actor, String userId, String name);

    /** The keys of {@code userId} (never their tokens), newest first. */
    List<ApiKey> apiKeys(Actor actor, String userId);

    /** Revokes a key of {@code userId}; the token fails from the next request on. */
    void revokeApiKey(Actor actor, String userId, String keyId);
}
