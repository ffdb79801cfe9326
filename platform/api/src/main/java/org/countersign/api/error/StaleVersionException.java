package org.countersign.api.error;

/** 412: an {@code If-Match} version no longer matches the current one. */
public class StaleVersionException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public StaleVersionException(String detail) {
        super(412, "stale_version", "Stale version", detail);
    }
}
