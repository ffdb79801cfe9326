package org.countersign.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Stand-ins for Groovy's lookups by name, {@code value['key']} on a value of unknown type such as a config
 * entry. Groovy reads any property of any object there, through its meta-object protocol, so
 * {@code resource['class']['classLoader']} would walk from the facts to the class loaders; in rules they read
 * the entries of maps and refuse everything else.
 */
public final class MapLookups {

    private MapLookups() {
    }

    /** {@code value['key']}: the map's entry. */
    public static Object getAt(Object self, String key) {
        if (self instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (self == null) {
            throw new NullPointerException("Cannot get property '" + key + "' on null object");
        }
        throw new IllegalArgumentException("rules read only map entries by name, not '" + key + "' of "
                + self.getClass().getSimpleName());
    }

    /** {@code list['key']}: the entry of each map in the list, skipping nulls, as Groovy's spread lookup does. */
    public static List<Object> getAt(Collection<?> self, String key) {
        List<Object> values = new ArrayList<>(self.size());
        for (Object element : self) {
            Deadline.check();
            if (element != null) {
                values.add(getAt(element, key));
            }
        }
        return values;
    }
}
