package org.countersign.core.internal.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.storage.Page;

/**
 * Keyset paging. The opaque cursor carries the sort key of the last item returned, the list it belongs to
 * (kind, scope and filters) and a check over both, so a cursor that was altered, made up or issued for
 * another list is refused instead of silently paging from somewhere else.
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private static final String SEPARATOR = "\n";
    private static final int CHECK_CHARS = 24;

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

    /**
     * The sort key a cursor of {@code list} carries, or null for the first page.
     *
     * @param list names the list and its filters, e.g. {@code "requests:growth:open"}
     */
    public static String decode(String list, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        int end = text.lastIndexOf(SEPARATOR);
        int start = text.indexOf(SEPARATOR);
        if (start < 0 || end <= start || !text.substring(0, start).equals(list)
                || !text.substring(end + 1).equals(check(list, text.substring(start + 1, end)))) {
            throw refused();
        }
        return text.substring(start + 1, end);
    }

    /**
     * Builds a page of {@code list} from {@code limit + 1} fetched rows: the extra row only tells that another page
     * exists.
     */
    public static <T> Page<T> page(String list, List<T> fetched, int limit, Function<T, String> key) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        String last = key.apply(items.get(limit - 1));
        String text = list + SEPARATOR + last + SEPARATOR + check(list, last);
        return new Page<>(items, Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String check(String list, String key) {
        return Sha256.hex("countersign-cursor" + SEPARATOR + list + SEPARATOR + key).substring(0, CHECK_CHARS);
    }

    private static BadRequestException refused() {
        return new BadRequestException("validation_failed", "cursor is not one this server issued for this list",
                List.of(new FieldError("/cursor", "invalid cursor")));
    }
}
