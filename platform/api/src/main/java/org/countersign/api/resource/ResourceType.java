package org.countersign.api.resource;

import java.util.List;
import java.util.Map;
import org.countersign.api.error.FieldError;

/**
 * A kind of resource (model, sync, source, ...) contributed by a plugin bundle as a service
 * (docs/domain.md#resources-drafts-and-revisions). Registering one makes the type available at once; unregistering it
 * removes it.
 */
public interface ResourceType {

    /** The type's stable name, e.g. {@code sync}; unique among installed types. */
    String name();

    /** Governed types go through approval flows; ungoverned ones publish immediately. */
    boolean governed();

    /** Actions beyond create/read/update/delete/approve, e.g. {@code start}, {@code preview}. */
    List<String> actions();

    /** The JSON Schema (as JSON text) that {@code config} must satisfy. */
    String configSchema();

    /**
     * JSON pointers into {@code config} whose change needs approval; a change touching none of them never
     * does. An empty list means every change is approval-relevant.
     */
    List<String> approvalRelevantPaths();

    /** JSON pointers into {@code config} whose value must never be returned by the API (secrets). */
    default List<String> writeOnlyPaths() {
        return List.of();
    }

    /**
     * Checks beyond the JSON Schema (a cron expression, say), run after the config matched the schema.
     * Paths are JSON pointers into {@code config}; an empty list means the config is valid.
     */
    default List<FieldError> validate(Map<String, Object> config) {
        return List.of();
    }

    /** JSON pointers into {@code config} whose text values diffs show line by line (a model's SQL query). */
    default List<String> textDiffPaths() {
        return List.of();
    }

    /**
     * Whether the owners of the resources this one references are its natural reviewers: a data policy is
     * reviewed by the owners of the data sources it applies to. They are added to the requested reviewers.
     */
    default boolean referencedOwnersReview() {
        return false;
    }

    /** The resources this config references (a sync its model and destination). */
    default List<Reference> references(Map<String, Object> config) {
        return List.of();
    }
}
