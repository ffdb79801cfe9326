package org.countersign.api.storage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.Membership;

public interface MemberRepository {

    /** Adds the member or replaces their role; {@code since} is kept when the member already exists. */
    void put(String workspaceId, String userId, String role, Instant since);

    /** The member's role, empty when the user is not a member. */
    Optional<String> role(String workspaceId, String userId);

    /** The member with the user's email and name. */
    Optional<Member> get(String workspaceId, String userId);

    /** False when the user was not a member. */
    boolean delete(String workspaceId, String userId);

    /** Members with a user id greater than {@code afterUserId} (null: from the start), ordered by user id. */
    List<Member> list(String workspaceId, String afterUserId, int limit);

    /** The user ids of the members holding {@code role}, ordered by user id. */
    List<String> withRole(String workspaceId, String role);

    long countWithRole(String workspaceId, String role);

    /** Every workspace of a user, ordered by workspace slug. */
    List<Membership> memberships(String userId);
}
