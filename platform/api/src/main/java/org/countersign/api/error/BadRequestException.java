package org.countersign.api.error;

import java.util.List;

/** 400: the input is malformed or invalid (invalid_json, unknown_field, validation_failed, ...). */
public class BadRequestException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String code, String detail) {
        super(400, code, "Bad request", detail);
    }

    public BadRequestException(String code, String detail, List<FieldError> errors) {
        super(400, code, "Bad request", detail, errors);
    }
}
