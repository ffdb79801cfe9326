package org.countersign.core.internal.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.event.OutboxEntry;
import org.countersign.api.event.StoredDelivery;
import org.countersign.api.notify.Delivery;
import org.countersign.api.notify.DeliveryException;
import org.countersign.api.notify.NotificationChannel;
import org.countersign.api.storage.Store;
import org.countersign.core.internal.config.CoreConfiguration;
import org.countersign.core.internal.request.RequestAudience;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.Times;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox at least once (docs/domain.md#notifications). Each tick fans new events out into inbox entries
 * and deliveries (one transaction per event), then sends the deliveries that are due on the channels that can send now:
 * each is claimed with a lease, sent on a small worker pool, and marked delivered, rescheduled with backoff, or dead.
 * Everything lives in the database, so a restart picks up exactly where the last process stopped.
 */
@Component(immediate = true, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int EVENT_BATCH = 100;
    /** Sends wait on the network, not the CPU: a slow receiver holds one sender, never the others or fan-out. */
    private static final int SENDERS = 8;
    private static final int MAX_ERROR_LENGTH = 500;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final int PRUNE_BATCH = 1_000;

    private final Store store;
    private final Channels channels;
    private final SecretBox secrets;
    private final DispatchPolicy policy;
    private final FanOut fanOut;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("dispatcher"));
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, named("sender"));
    private final Semaphore idleSenders = new Semaphore(SENDERS);
    private Instant lastPrune = Instant.EPOCH;

    @Activate
    public NotificationDispatcher(@Reference Store store, @Reference Channels channels,
            @Reference RequestAudience audience, @Reference SecretBox secrets, CoreConfiguration config) {
        this(store, channels, audience, secrets, DispatchPolicy.from(config),
                InstanceConfig.publicUrl(config.public_url(), config.http_host(), config.http_port()));
        ticker.scheduleWithFixedDelay(this::tick, 0, policy.pollMs(), TimeUnit.MILLISECONDS);
    }

    /** A dispatcher that only works when told to ({@link #dispatchEvents}, {@link #sendDue}): for tests. */
    NotificationDispatcher(Store store, Channels channels, RequestAudience audience, SecretBox secrets,
            DispatchPolicy policy, String publicUrl) {
        this.store = store;
        this.channels = channels;
        this.secrets = secrets;
        this.policy = policy;
        this.fanOut = new FanOut(audience, new NotificationRenderer(publicUrl));
    }

    @Deactivate
    void stop() throws InterruptedException {
        ticker.shutdownNow();
        senders.shutdownNow();
        ticker.awaitTermination(policy.timeoutMs(), TimeUnit.MILLISECONDS);
        senders.awaitTermination(policy.timeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            dispatchEvents();
            sendDue();
            if (Times.now().isAfter(lastPrune.plus(PRUNE_EVERY))) {
                lastPrune = Times.now();
                prune(lastPrune);
            }
        } catch (RuntimeException e) {
            LOG.error("Notification dispatch failed; retrying on the next tick", e);
        }
    }

    void dispatchEvents() {
        List<OutboxEntry> pending;
        int dispatched;
        do {
            pending = store.read(tx -> tx.outbox().pending(EVENT_BATCH));
            dispatched = fanOutTogether(pending) ? pending.size() : fanOutOneByOne(pending);
        } while (pending.size() == EVENT_BATCH && dispatched > 0 && !Thread.currentThread().isInterrupted());
    }

    /** Every event of the batch in one transaction: one commit (one fsync) for all of them. */
    private boolean fanOutTogether(List<OutboxEntry> pending) {
        if (pending.isEmpty()) {
            return true;
        }
        try {
            store.write(tx -> {
                Instant now = Times.now();
                pending.forEach(entry -> fanOut.dispatch(tx, entry, now));
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Fanning out {} events together failed ({}); trying them one by one", pending.size(), e.toString());
            return false;
        }
    }

    /** After a batch failed: each event in its own transaction, so one bad event holds back only itself. */
    private int fanOutOneByOne(List<OutboxEntry> pending) {
        int dispatched = 0;
        for (OutboxEntry entry : pending) {
            try {
                store.write(tx -> {
                    fanOut.dispatch(tx, entry, Times.now());
                    return null;
                });
                dispatched++;
            } catch (RuntimeException e) {
                // the event stays in the outbox and is tried again next tick; the others go on
                LOG.error("Could not fan out event {} ({})", entry.id(), entry.type(), e);
            }
        }
        return dispatched;
    }

    /**
     * Deletes delivered deliveries and dispatched events older than the retention, in small transactions so that
     * requests never wait long behind it; answers how many rows went.
     */
    int prune(Instant now) {
        Instant cutoff = policy.retainedSince(now);
        int total = 0;
        int deleted;
        do {
            deleted = store.write(tx -> tx.deliveries().deleteDeliveredBefore(cutoff, PRUNE_BATCH)
                    + tx.outbox().deleteDispatchedBefore(cutoff, PRUNE_BATCH));
            total += deleted;
        } while (deleted > 0 && !Thread.currentThread().isInterrupted());
        if (total > 0) {
            LOG.info("Pruned {} delivered notifications and dispatched events older than {}", total, cutoff);
        }
        return total;
    }

    /**
     * Claims as many due deliveries as there are idle senders and hands them over without waiting; answers the
     * sends started, for callers that want to wait for them.
     */
    List<Future<?>> sendDue() {
        Set<String> available = channels.available();
        int idle = idleSenders.availablePermits();
        if (available.isEmpty() || idle == 0) {
            return List.of();
        }
        Instant now = Times.now();
        List<StoredDelivery> due = store.read(tx -> tx.deliveries().due(available, now, idle));
        List<Future<?>> sending = new ArrayList<>();
        for (StoredDelivery delivery : due) {
            if (idleSenders.tryAcquire()) {
                if (store.write(tx -> tx.deliveries().claim(delivery.id(), now, now.plus(policy.lease())))) {
                    sending.add(senders.submit(() -> send(delivery)));
                } else {
                    idleSenders.release();
                }
            }
        }
        return sending;
    }

    private void send(StoredDelivery delivery) {
        try {
            attempt(delivery);
        } catch (RuntimeException e) {
            LOG.error("Sending notification {} failed unexpectedly; it is retried when its lease ends", delivery.id(), e);
        } finally {
            idleSenders.release();
        }
    }

    private void attempt(StoredDelivery stored) {
        int attempt = stored.attempts() + 1;
        Optional<NotificationChannel> channel = channels.get(stored.channel());
        String url = secrets.open(stored.url());
        String error;
        boolean permanent = false;
        if (channel.isEmpty()) {
            error = "The " + stored.channel() + " channel is not installed";
        } else {
            try {
                channel.get().send(new Delivery(stored.id(), stored.channel(), attempt,
                        NotificationJson.read(stored.message()), stored.recipient(), url, secrets.open(stored.secret())));
                store.write(tx -> {
                    tx.deliveries().delivered(stored.id(), Times.now());
                    return null;
                });
                return;
            } catch (DeliveryException e) {
                error = e.getMessage();
                permanent = e.permanent();
            } catch (RuntimeException e) {
                error = e.toString();
            }
        }
        Instant retryAt = permanent ? null : policy.retryAt(attempt, Times.now());
        // the log and the delivery log never carry the URL's credentials, whatever the channel put in its message
        String scrubbed = error == null ? "failed" : DeliveryUrls.scrub(error, url);
        String reason = scrubbed.length() > MAX_ERROR_LENGTH ? scrubbed.substring(0, MAX_ERROR_LENGTH) : scrubbed;
        if (retryAt == null) {
            LOG.warn("Gave up on {} after attempt {}: {}", stored.id(), attempt, reason);
        }
        store.write(tx -> {
            tx.deliveries().failed(stored.id(), reason, retryAt);
            return null;
        });
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, "countersign-notify-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
