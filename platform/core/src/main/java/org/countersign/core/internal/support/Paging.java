package org.countersign.core.internal.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.storage.Page;

/** Keyset paging: the opaque cursor encodes the sort key of the last item returned. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Paging() {
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new BadRequestException("validation_failed", "limit must be between 1 and " + MAX_LIMIT,
                    List.of(new FieldError("/limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return requested;
    }

    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("validation_failed", "cursor is not one this server issued",
                    List.of(new FieldError("/cursor", "invalid cursor")));
        }
    }

    /**
     * Builds a page from {@code limit + 1} fetched rows: the extra row only tells that another page exists.
     */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        String last = key.apply(items.get(limit - 1));
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
}
