package org.countersign.core.internal.resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-pointer surgery on config trees: removing write-only values, and keeping them across edits. */
final class ConfigPaths {

    private ConfigPaths() {
    }

    /** A copy of {@code config} without the values at {@code paths}. */
    static Map<String, Object> without(Map<String, Object> config, List<String> paths) {
        Map<String, Object> copy = deepCopy(config);
        for (String path : paths) {
            String[] tokens = tokens(path);
            Map<String, Object> parent = parent(copy, tokens);
            if (parent != null) {
                parent.remove(tokens[tokens.length - 1]);
            }
        }
        return copy;
    }

    /**
     * Fills write-only values a client left out (it never saw them) from the previous config, so that editing
     * a source's host does not wipe its password.
     */
    static Map<String, Object> keepWriteOnly(Map<String, Object> edited, Map<String, Object> previous, List<String> paths) {
        Map<String, Object> result = deepCopy(edited);
        for (String path : paths) {
            String[] tokens = tokens(path);
            Map<String, Object> oldParent = parent(previous, tokens);
            String last = tokens[tokens.length - 1];
            if (oldParent == null || !oldParent.containsKey(last)) {
                continue;
            }
            Map<String, Object> newParent = parent(result, tokens);
            if (newParent != null && !newParent.containsKey(last)) {
                newParent.put(last, oldParent.get(last));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parent(Map<String, Object> root, String[] tokens) {
        Map<String, Object> node = root;
        for (int i = 0; i < tokens.length - 1; i++) {
            Object next = node.get(tokens[i]);
            if (!(next instanceof Map)) {
                return null;
            }
            node = (Map<String, Object>) next;
        }
        return node;
    }

    private static String[] tokens(String pointer) {
        String[] raw = pointer.substring(1).split("/", -1);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = raw[i].replace("~1", "/").replace("~0", "~");
        }
        return raw;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((key, value) -> copy.put(key, value instanceof Map<?, ?> map
                ? deepCopy((Map<String, Object>) map) : value));
        return copy;
    }
}
