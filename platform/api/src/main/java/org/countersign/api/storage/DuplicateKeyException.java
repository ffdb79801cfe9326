package org.countersign.api.storage;

import org.countersign.api.error.ConflictException;

/** A unique constraint refused an insert or update. */
public class DuplicateKeyException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String detail) {
        super("conflict", detail);
    }
}
