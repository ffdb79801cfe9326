package org.countersign.api.event;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface DeliveryRepository {

    void add(StoredDelivery delivery);

    /** How many deliveries each channel has in each state. */
    List<DeliveryCount> countByChannelAndState();

    /** Pending deliveries on the given channels that are due at {@code now} and not leased, oldest first. */
    List<StoredDelivery> due(Collection<String> channels, Instant now, int limit);

    /**
     * Takes a due delivery for one attempt: counts the attempt and leases it until {@code leaseUntil}. False when
     * another dispatcher took it first or it is no longer pending.
     */
    boolean claim(String id, Instant now, Instant leaseUntil);

    void delivered(String id, Instant at);

    /** Deletes up to {@code limit} deliveries delivered before {@code cutoff}; answers how many went. */
    int deleteDeliveredBefore(Instant cutoff, int limit);

    /** Records a failed attempt: pending again at {@code retryAt}, or dead when {@code retryAt} is null. */
    void failed(String id, String error, Instant retryAt);

    Optional<StoredDelivery> byId(String workspaceId, String id);

    /** Puts a dead delivery back in the queue with its attempts reset; false when it is not dead. */
    boolean requeue(String workspaceId, String id, Instant now);

    /** Puts every dead delivery of the workspace (of one channel, unless null) back in the queue; answers how many. */
    int requeueDead(String workspaceId, String channel, Instant now);

    /** The workspace's deliveries with ids below {@code beforeId} (all when null), newest first. */
    List<StoredDelivery> page(String workspaceId, String state, String beforeId, int limit);
}
