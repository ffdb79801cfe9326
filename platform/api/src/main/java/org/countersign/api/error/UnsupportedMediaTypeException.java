package org.countersign.api.error;

/** 415: a request body that is not JSON. */
public class UnsupportedMediaTypeException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String contentType) {
        super(415, "unsupported_media_type", "Unsupported media type",
                "Request bodies must be application/json, not " + (contentType == null ? "(none)" : contentType));
    }
}
