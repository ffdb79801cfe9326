package org.countersign.http.internal.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.countersign.api.approval.RequestState;
import org.countersign.api.event.DeliveryCount;
import org.countersign.api.storage.StorageException;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.countersign.api.storage.TxWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backlogs read from the store at each scrape: requests waiting per workspace, events not yet fanned out and
 * deliveries per channel and state (dead ones included). A store that cannot answer leaves them out of that
 * scrape rather than failing it, so JVM and HTTP metrics still arrive while the database is away.
 */
final class StoreGauges {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGauges.class);
    /** The states in which a request still waits for someone. */
    private static final List<RequestState> WAITING = List.of(RequestState.OPEN, RequestState.CHANGES_REQUESTED,
            RequestState.APPROVED);
    private static final int WORKSPACE_BATCH = 500;

    private final Store store;

    StoreGauges(Store store) {
        this.store = store;
    }

    void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder().name("countersign_requests_open")
                .help("Requests not yet closed, by workspace and state (open, changes_requested, approved)")
                .labelNames("workspace", "state")
                .callback(callback -> read(tx -> {
                    forEachWorkspace(tx, workspace -> {
                        Map<RequestState, Long> counts = tx.requests().countByState(workspace.id(), WAITING);
                        // zeros too: an alert on a workspace's queue needs the series to exist while it is empty
                        WAITING.forEach(state -> callback.call(counts.getOrDefault(state, 0L),
                                workspace.workspace().slug(), state.wire()));
                    });
                    return null;
                }))
                .register(registry);
        GaugeWithCallback.builder().name("countersign_outbox_backlog")
                .help("Events recorded but not yet fanned out to inboxes and channels")
                .callback(callback -> {
                    Long pending = read(tx -> tx.outbox().pendingCount());
                    if (pending != null) {
                        callback.call(pending);
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("countersign_deliveries")
                .help("Notification deliveries by channel and state (pending, delivered, dead)")
                .labelNames("channel", "state")
                .callback(callback -> {
                    List<DeliveryCount> counts = read(tx -> tx.deliveries().countByChannelAndState());
                    if (counts != null) {
                        counts.forEach(c -> callback.call(c.count(), c.channel(), c.state()));
                    }
                })
                .register(registry);
    }

    private static void forEachWorkspace(Tx tx, Consumer<StoredWorkspace> each) {
        String after = null;
        List<StoredWorkspace> batch;
        do {
            batch = tx.workspaces().list(after, WORKSPACE_BATCH);
            batch.forEach(each);
            after = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
        } while (batch.size() == WORKSPACE_BATCH);
    }

    private <T> T read(TxWork<T> query) {
        try {
            return store.read(query);
        } catch (StorageException e) {
            LOG.warn("Metrics left out the store's backlogs: {}", e.getMessage());
            return null;
        }
    }
}
