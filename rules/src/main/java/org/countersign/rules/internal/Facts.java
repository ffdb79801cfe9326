package org.countersign.rules.internal;

import java.util.List;
import java.util.Map;

/**
 * The read-only facts a rule sees (SPEC §3). Each is an immutable snapshot with typed getters, so that a
 * statically compiled script can only read them: there is nothing to call that changes anything.
 */
public final class Facts {

    private Facts() {
    }

    /** {@code change}: what kind of change, between which environments, of which items. */
    public record Change(String kind, String targetEnvironment, String sourceEnvironment, List<String> items) {

        public Change {
            items = List.copyOf(items);
        }

        public String getKind() {
            return kind;
        }

        public String getTargetEnvironment() {
            return targetEnvironment;
        }

        public String getSourceEnvironment() {
            return sourceEnvironment;
        }

        public List<String> getItems() {
            return items;
        }
    }

    /** {@code resource}: the item being evaluated. */
    public record Resource(String id, String type, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config) {

        public String getId() {
            return id;
        }

        public String getType() {
            return type;
        }

        public String getName() {
            return name;
        }

        public Map<String, String> getLabels() {
            return labels;
        }

        public List<String> getOwners() {
            return owners;
        }

        public Map<String, Object> getConfig() {
            return config;
        }
    }

    /** {@code actor}: who made the change. */
    public record Actor(String id, String email, String role) {

        public String getId() {
            return id;
        }

        public String getEmail() {
            return email;
        }

        public String getRole() {
            return role;
        }
    }

    /** {@code now}: the evaluation time in the workspace's zone. */
    public record Now(String dayOfWeek, int hour, int minute, String date, String zone) {

        public String getDayOfWeek() {
            return dayOfWeek;
        }

        public int getHour() {
            return hour;
        }

        public int getMinute() {
            return minute;
        }

        public String getDate() {
            return date;
        }

        public String getZone() {
            return zone;
        }
    }

    /** {@code workspace}: its slug and settings. */
    public record Workspace(String slug, Map<String, Object> settings) {

        public String getSlug() {
            return slug;
        }

        public Map<String, Object> getSettings() {
            return settings;
        }
    }

    /**
     * {@code diff}: the JSON paths the change touches. Config paths are relative to the config ({@code /schedule}),
     * the rest as they are ({@code /name}, {@code /labels/team}).
     */
    public record Diff(List<String> paths) {

        public Diff {
            paths = List.copyOf(paths);
        }

        public List<String> paths() {
            return paths;
        }

        public List<String> getPaths() {
            return paths;
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
