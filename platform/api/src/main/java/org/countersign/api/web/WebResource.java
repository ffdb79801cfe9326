package org.countersign.api.web;

/**
 * One file the console serves. {@code immutable} assets have content-addressed names and may be cached for good;
 * the others (the page shell) are revalidated on every load.
 */
public record WebResource(String contentType, byte[] body, boolean immutable) {
}
