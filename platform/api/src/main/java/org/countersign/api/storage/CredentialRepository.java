package org.countersign.api.storage;

import java.time.Instant;
import java.util.Optional;

/** How people sign in to the console: passwords, sessions and invite links. */
public interface CredentialRepository {

    Optional<StoredCredential> password(String userId);

    void putPassword(StoredCredential credential);

    void insertSession(StoredSession session);

    Optional<StoredSession> session(String tokenHash);

    /** Records activity on a session (its inactivity clock starts again). */
    void touchSession(String tokenHash, Instant at);

    void deleteSession(String tokenHash);

    /** Ends every session of a user but {@code keepTokenHash} (null: all); answers how many ended. */
    int deleteSessions(String userId, String keepTokenHash);

    /** Ends sessions idle since before {@code cutoff}; answers how many. */
    int deleteIdleSessions(Instant cutoff);

    void insertInvite(StoredInvite invite);

    Optional<StoredInvite> invite(String tokenHash);

    /** Marks an unused invite used; false when it was used already. */
    boolean useInvite(String tokenHash, Instant at);
}
