package org.countersign.core.internal.resource;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.countersign.api.resource.ConfigDiff;
import org.countersign.api.resource.ConfigDiff.Change;
import org.countersign.api.resource.ConfigDiff.TextDiff;
import org.countersign.api.resource.ResourceContent;

/**
 * Diffs two contents path by path: objects are walked key by key, lists of objects element by element, and
 * anything else compares as one value. Text values at the paths a type names are also given as unified line diffs.
 */
public final class ContentDiffer {

    private static final int CONTEXT_LINES = 3;

    private ContentDiffer() {
    }

    /** @param before null for a new resource; @param after null for a deletion */
    public static ConfigDiff diff(ResourceContent before, ResourceContent after, List<String> textConfigPaths) {
        Map<String, Object> old = flatten(before == null ? Map.of() : ContentJson.tree(before));
        Map<String, Object> now = flatten(after == null ? Map.of() : ContentJson.tree(after));
        List<Change> changes = new ArrayList<>();
        for (String path : new TreeSet<>(union(old, now))) {
            Object a = old.get(path);
            Object b = now.get(path);
            if (!Objects.equals(a, b)) {
                String op = !old.containsKey(path) ? "add" : !now.containsKey(path) ? "remove" : "replace";
                changes.add(new Change(path, op, a, b));
            }
        }
        List<TextDiff> texts = new ArrayList<>();
        for (String configPath : textConfigPaths) {
            String path = "/config" + configPath;
            Object a = old.get(path);
            Object b = now.get(path);
            if (!Objects.equals(a, b) && (a == null || a instanceof String) && (b == null || b instanceof String)) {
                texts.add(new TextDiff(path, lines(path, (String) a, (String) b)));
            }
        }
        return new ConfigDiff(changes, texts);
    }

    private static List<String> lines(String path, String before, String after) {
        List<String> a = before == null ? List.of() : before.lines().toList();
        List<String> b = after == null ? List.of() : after.lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff("a" + path, "b" + path, a, DiffUtils.diff(a, b), CONTEXT_LINES);
    }

    private static TreeSet<String> union(Map<String, Object> a, Map<String, Object> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /** JSON pointers of every value that is not an object, skipping empty ones. */
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        walk("", tree, flat);
        return flat;
    }

    private static void walk(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(prefix + "/" + escape(String.valueOf(key)), value, flat));
        } else if (node instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(e -> e instanceof Map)) {
            // lists of objects (a model's columns) diff element by element, so a changed column type shows as such
            for (int i = 0; i < list.size(); i++) {
                walk(prefix + "/" + i, list.get(i), flat);
            }
        } else if (!prefix.isEmpty() && node != null && !(node instanceof List<?> list && list.isEmpty())) {
            // absent, null, {} and [] all mean "nothing here", so none of them shows up as a change
            flat.put(prefix, node);
        }
    }

    /** RFC 6901 escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
