package org.countersign.api.error;

/** 404: the thing does not exist, or the caller may not know that it exists. */
public class NotFoundException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail) {
        super(404, "not_found", "Not found", detail);
    }
}
