package org.countersign.core.internal.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.JsonText;

/**
 * A type's write-only config values as they are stored: every scalar under a write-only path is sealed on its
 * own (as JSON text, so numbers stay numbers once opened), which keeps the config's shape, its schema and the
 * paths a diff reports. Checks run on the opened values; storage only ever sees sealed ones.
 */
final class SecretValues {

    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    private SecretValues() {
    }

    static Map<String, Object> seal(SecretBox box, Map<String, Object> config, List<String> writeOnlyPaths) {
        return rewrite(config, writeOnlyPaths, (pointer, value) -> value instanceof String text && box.canOpen(text)
                ? text : box.seal(pointer, JsonText.write(value)));
    }

    static Map<String, Object> open(SecretBox box, Map<String, Object> config, List<String> writeOnlyPaths) {
        return rewrite(config, writeOnlyPaths, (pointer, value) -> value instanceof String text
                && SecretBox.isSealed(text) ? JsonText.read(box.open(text), ANY) : value);
    }

    private static Map<String, Object> rewrite(Map<String, Object> config, List<String> paths,
            BiFunction<String, Object, Object> leaf) {
        Map<String, Object> result = config;
        for (String path : paths) {
            result = rewriteAt(result, path.substring(1).split("/", -1), 0, "", leaf);
        }
        return result;
    }

    /** A copy of {@code node} with the subtree at {@code tokens[depth..]} rewritten leaf by leaf. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> rewriteAt(Map<String, Object> node, String[] tokens, int depth, String pointer,
            BiFunction<String, Object, Object> leaf) {
        String key = tokens[depth];
        if (!node.containsKey(key)) {
            return node;
        }
        Map<String, Object> copy = new LinkedHashMap<>(node);
        Object child = node.get(key);
        String at = pointer + "/" + key;
        if (depth == tokens.length - 1) {
            copy.put(key, leaves(child, at, leaf));
        } else if (child instanceof Map<?, ?> map) {
            copy.put(key, rewriteAt((Map<String, Object>) map, tokens, depth + 1, at, leaf));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object leaves(Object value, String pointer, BiFunction<String, Object, Object> leaf) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, leaves(v, pointer + "/" + k, leaf)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(leaves(list.get(i), pointer + "/" + i, leaf));
            }
            return copy;
        }
        return value == null ? null : leaf.apply(pointer, value);
    }
}
