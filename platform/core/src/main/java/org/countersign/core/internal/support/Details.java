package org.countersign.core.internal.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Audit details in the order given; unlike {@link Map#of} it keeps null values ("before": null). */
public final class Details {

    private Details() {
    }

    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
