package org.countersign.core.internal.notify;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.api.notify.NotificationChannel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification channels installed right now, by type. Channel bundles come and go at run time: while one is
 * away, or not configured to send, its deliveries wait, and they resume when it can send again.
 */
@Component(service = Channels.class)
public class Channels {

    private static final Logger LOG = LoggerFactory.getLogger(Channels.class);

    private final Map<String, NotificationChannel> byType = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addChannel(NotificationChannel channel) {
        NotificationChannel previous = byType.putIfAbsent(channel.type(), channel);
        if (previous != null && previous != channel) {
            LOG.warn("Two notification channels of type {}: keeping {}, ignoring {}", channel.type(),
                    previous.getClass().getName(), channel.getClass().getName());
        } else {
            LOG.info("Notification channel {} installed", channel.type());
        }
    }

    void removeChannel(NotificationChannel channel) {
        if (byType.remove(channel.type(), channel)) {
            LOG.info("Notification channel {} removed; its deliveries wait until it returns", channel.type());
        }
    }

    Optional<NotificationChannel> get(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The channels that can send now: installed, and configured well enough to try. */
    Set<String> available() {
        Set<String> ready = new HashSet<>();
        byType.forEach((type, channel) -> {
            if (channel.unavailable().isEmpty()) {
                ready.add(type);
            }
        });
        return ready;
    }

    /** Why deliveries of {@code type} wait, or null when its channel can send. */
    String waitingFor(String type) {
        NotificationChannel channel = byType.get(type);
        if (channel == null) {
            return "the " + type + " channel is not installed";
        }
        return channel.unavailable().orElse(null);
    }
}
