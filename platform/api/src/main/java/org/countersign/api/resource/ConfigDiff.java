package org.countersign.api.resource;

import java.util.List;

/**
 * What changed between two contents: one entry per changed JSON path (name, labels and owners appear as
 * {@code /name}, {@code /labels/...}, {@code /owners}; config paths under {@code /config}), plus line diffs of
 * the text fields the type renders that way (a model's SQL).
 */
public record ConfigDiff(List<Change> changes, List<TextDiff> textDiffs) {

    public ConfigDiff {
        changes = List.copyOf(changes);
        textDiffs = List.copyOf(textDiffs);
    }

    /** The changed paths, for rules and approval relevance. */
    public List<String> paths() {
        return changes.stream().map(Change::path).toList();
    }

    /** {@code op} is {@code add}, {@code remove} or {@code replace}; values are JSON trees (null when absent). */
    public record Change(String path, String op, Object before, Object after) {
    }

    /** A unified diff of one text value, line by line. */
    public record TextDiff(String path, List<String> lines) {

        public TextDiff {
            lines = List.copyOf(lines);
        }
    }
}
