package org.countersign.api.error;

/** One problem with one part of the input; {@code path} is a JSON pointer such as {@code /config/query}. */
public record FieldError(String path, String message) {
}
