package org.countersign.http.internal.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.storage.Page;

/** Every list answers {@code {items, next}}; {@code next} is absent on the last page. */
public final class Lists {

    private Lists() {
    }

    public static Map<String, Object> of(List<?> items) {
        return of(items, null);
    }

    public static Map<String, Object> of(List<?> items, String next) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        if (next != null) {
            body.put("next", next);
        }
        return body;
    }

    public static <T> Map<String, Object> of(Page<T> page, java.util.function.Function<T, ?> view) {
        return of(page.items().stream().map(view).toList(), page.next());
    }
}
