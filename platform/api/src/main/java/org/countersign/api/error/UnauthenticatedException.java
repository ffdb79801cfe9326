package org.countersign.api.error;

/** 401: no bearer token, or one that is unknown or revoked. */
public class UnauthenticatedException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public UnauthenticatedException(String detail) {
        super(401, "unauthenticated", "Unauthenticated", detail);
    }
}
