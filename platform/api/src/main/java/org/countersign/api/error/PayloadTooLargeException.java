package org.countersign.api.error;

/** 413: the request body is larger than {@code http.max.body.bytes}. */
public class PayloadTooLargeException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(long limitBytes) {
        super(413, "body_too_large", "Body too large", "The request body exceeds the limit of " + limitBytes + " bytes");
    }
}
