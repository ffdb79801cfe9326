package org.countersign.core.internal.config;

import java.util.Map;
import org.osgi.util.converter.Converters;

/** The engine's configuration as Declarative Services would hand it over, from a map of keys to values. */
public final class Configs {

    private Configs() {
    }

    public static CoreConfiguration core(Map<String, ?> values) {
        return Converters.standardConverter().convert(values).to(CoreConfiguration.class);
    }
}
