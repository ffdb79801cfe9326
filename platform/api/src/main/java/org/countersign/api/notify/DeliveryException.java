package org.countersign.api.notify;

/**
 * A delivery the receiver did not accept. A permanent failure (a refused address, a malformed recipient) goes
 * straight to the dead-letter state; any other is retried with backoff.
 */
public class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public DeliveryException(String message) {
        this(message, false, null);
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
