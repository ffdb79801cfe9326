package org.countersign.core.internal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks configured values against the attributes the installed bundles describe, before any component sees
 * them: a number must be a number and a choice one of its options, each named with its key. What passes is
 * converted to the described type; keys nobody describes are kept as text and reported (a misspelt key would
 * otherwise be ignored without a word); blank values count as unset, so the defaults apply. A key matches the
 * described one regardless of case.
 */
final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    /** The outcome: the typed values to publish, what is wrong, and the keys no installed bundle describes. */
    record Result(Map<String, Object> values, List<String> problems, List<String> unknown) {
    }

    static Result check(Map<String, String> configured, List<AttributeDefinition> described) {
        // environment variables cannot carry case: COUNTERSIGN_OIDC_AUTOPROVISION means oidc.autoProvision
        Map<String, AttributeDefinition> byKey = new HashMap<>();
        described.forEach(definition -> byKey.putIfAbsent(definition.getID().toLowerCase(Locale.ROOT), definition));
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(configured.keySet())) {
            String value = configured.get(key);
            if (value == null || value.isBlank()) {
                continue;
            }
            AttributeDefinition definition = byKey.get(key.toLowerCase(Locale.ROOT));
            if (definition == null) {
                unknown.add(key);
                values.put(key, value.strip());
                continue;
            }
            try {
                values.put(definition.getID(), typed(definition, value.strip()));
            } catch (IllegalArgumentException e) {
                problems.add("configuration key " + key + " " + e.getMessage());
            }
        }
        return new Result(values, problems, unknown);
    }

    private static Object typed(AttributeDefinition definition, String value) {
        String[] options = definition.getOptionValues();
        if (options != null && options.length > 0) {
            // a choice is matched regardless of case and published as the bundle spells it
            return Arrays.stream(options).filter(option -> option.equalsIgnoreCase(value)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(", ", options)
                            + ", not '" + value + "'"));
        }
        return switch (definition.getType()) {
            case AttributeDefinition.INTEGER -> number(value, () -> Integer.valueOf(value));
            case AttributeDefinition.LONG -> number(value, () -> Long.valueOf(value));
            case AttributeDefinition.BOOLEAN -> bool(value);
            default -> value;
        };
    }

    private static Object number(String value, Supplier<Number> parse) {
        try {
            return parse.get();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer, not '" + value + "'", e);
        }
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false, not '" + value + "'");
        };
    }
}
