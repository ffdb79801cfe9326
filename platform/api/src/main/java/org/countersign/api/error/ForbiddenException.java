package org.countersign.api.error;

import java.util.List;

/** 403: the caller is known but may not do this (forbidden, approval_required, ...). */
public class ForbiddenException extends CountersignException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String code, String detail) {
        super(403, code, "Forbidden", detail);
    }

    public ForbiddenException(String code, String detail, List<FieldError> errors) {
        super(403, code, "Forbidden", detail, errors);
    }
}
