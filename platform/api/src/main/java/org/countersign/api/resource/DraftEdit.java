package org.countersign.api.resource;

import java.util.List;
import java.util.Map;

/** A save of the draft; a null field keeps what the draft (or the published revision) has. */
public record DraftEdit(String name, Map<String, String> labels, List<String> owners, Map<String, Object> config) {
}
