package org.countersign.api.storage;

import org.countersign.api.error.CountersignException;

/** The database failed in a way the caller cannot fix (I/O, corruption, a bug in a statement). */
public class StorageException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public StorageException(String detail, Throwable cause) {
        super(500, "storage_error", "Storage error", detail);
        initCause(cause);
    }
}
