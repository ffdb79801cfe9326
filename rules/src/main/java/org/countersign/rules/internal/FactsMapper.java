package org.countersign.rules.internal;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;

/** Turns the engine's context into the immutable fact snapshots a script reads. */
final class FactsMapper {

    private FactsMapper() {
    }

    static void apply(RulesScript script, RuleContext context) {
        Map<String, Object> change = context.change();
        Map<String, Object> resource = context.resource();
        Map<String, Object> actor = context.actor();
        Map<String, Object> workspace = context.workspace();
        ZonedDateTime now = context.now();
        script.facts(
                new Facts.Change(text(change, "kind"), text(change, "targetEnvironment"), text(change, "sourceEnvironment"),
                        strings(change.get("items"))),
                new Facts.Resource(text(resource, "id"), text(resource, "type"), text(resource, "name"),
                        labels(resource.get("labels")), strings(resource.get("owners")), frozen(resource.get("config"))),
                new Facts.Actor(text(actor, "id"), text(actor, "email"), text(actor, "role")),
                new Facts.Diff(configRelative(context.changedPaths())),
                new Facts.Now(now.getDayOfWeek().name(), now.getHour(), now.getMinute(), now.toLocalDate().toString(),
                        now.getZone().getId()),
                new Facts.Workspace(text(workspace, "slug"), frozen(workspace.get("settings"))));
    }

    /** {@code /config/schedule/type} becomes {@code /schedule/type}, as rule authors think of a config. */
    static List<String> configRelative(List<String> paths) {
        return paths.stream().map(p -> p.startsWith("/config/") ? p.substring("/config".length()) : p).toList();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map == null ? null : map.get(key);
        return value == null ? null : value.toString();
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static Map<String, String> labels(Object value) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        return Collections.unmodifiableMap(labels);
    }

    /** A deep, unmodifiable copy, so a script cannot change what other rules or items see. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> frozen(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?>) {
            return frozen(value);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
