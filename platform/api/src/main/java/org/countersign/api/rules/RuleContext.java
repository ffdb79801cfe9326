package org.countersign.api.rules;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * The read-only facts a rule sees about one item of a change (docs/domain.md#approval-rules): the change, the resource,
 * the actor, the changed JSON paths, the time in the workspace's zone and the workspace.
 */
public record RuleContext(
        Map<String, Object> change,
        Map<String, Object> resource,
        Map<String, Object> actor,
        List<String> changedPaths,
        ZonedDateTime now,
        Map<String, Object> workspace) {
}
