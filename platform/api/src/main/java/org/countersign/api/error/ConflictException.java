package org.countersign.api.error;

import java.util.List;

/** 409: the request clashes with the current state (invalid_state, conflict, ...). */
public class ConflictException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String code, String detail) {
        super(409, code, "Conflict", detail);
    }

    public ConflictException(String code, String detail, List<FieldError> errors) {
        super(409, code, "Conflict", detail, errors);
    }
}
