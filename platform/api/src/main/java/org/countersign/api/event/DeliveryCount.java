package org.countersign.api.event;

/** How many deliveries of one channel are in one state. */
public record DeliveryCount(String channel, String state, long count) {
}
