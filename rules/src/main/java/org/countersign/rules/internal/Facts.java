package org.countersign.rules.internal;

import java.util.List;
import java.util.Map;

/**
 * The read-only facts a rule sees (docs/domain.md#approval-rules). Each is an immutable record, read as properties
 * ({@code change.kind}), so that a statically compiled script can only read them: there is nothing to call
 * that changes anything.
 */
public final class Facts {

    private Facts() {
    }

    /** {@code change}: what kind of change, between which environments, of which items. */
    public record Change(String kind, String targetEnvironment, String sourceEnvironment, List<String> items) {

        public Change {
            items = List.copyOf(items);
        }
    }

    /** {@code resource}: the item being evaluated. */
    public record Resource(String id, String type, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config) {
    }

    /** {@code actor}: who made the change. */
    public record Actor(String id, String email, String role) {
    }

    /** {@code now}: the evaluation time in the workspace's zone. */
    public record Now(String dayOfWeek, int hour, int minute, String date, String zone) {
    }

    /** {@code workspace}: its slug and settings. */
    public record Workspace(String slug, Map<String, Object> settings) {
    }

    /**
     * {@code diff}: the JSON paths the change touches. Config paths are relative to the config ({@code /schedule}),
     * the rest as they are ({@code /name}, {@code /labels/team}).
     */
    public record Diff(List<String> paths) {

        public Diff {
            paths = List.copyOf(paths);
        }

        /** True when any changed path is at or below one of the prefixes. */
        public boolean touches(String... prefixes) {
            return paths.stream().anyMatch(path -> under(path, prefixes));
        }

        /** True when something changed and every changed path is at or below one of the prefixes. */
        public boolean onlyTouches(String... prefixes) {
            return !paths.isEmpty() && paths.stream().allMatch(path -> under(path, prefixes));
        }

        private static boolean under(String path, String[] prefixes) {
            for (String prefix : prefixes) {
                if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                    return true;
                }
            }
            return false;
        }
    }
}
