package org.countersign.api.error;

/** 429: the client failed too often (e.g. with bad tokens) and must wait {@code retryAfterSeconds}, sent as Retry-After. */
public class TooManyRequestsException extends CountersignException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds, String detail) {
        super(429, "too_many_requests", "Too many requests", detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Whole seconds until the client may try again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
