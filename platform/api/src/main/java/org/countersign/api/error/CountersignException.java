package org.countersign.api.error;

import java.util.List;
import java.util.Map;

/**
 * Root of every failure Countersign reports to a client. Each carries the HTTP status and the stable
 * problem {@code code} of docs/domain.md#http-api; the HTTP bundle maps them to problem+json in one place.
 */
public class CountersignException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public CountersignException(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public CountersignException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Field-level problems of a validation failure; empty otherwise. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the problem document (e.g. the requirements behind {@code approval_required}). */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
