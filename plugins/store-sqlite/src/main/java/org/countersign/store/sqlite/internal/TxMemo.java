package org.countersign.store.sqlite.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one transaction has read already, by table. Deciding an action and answering it asks for the same draft,
 * role or reviews several times; the second time is answered from here. A write to a table forgets everything
 * read from that table before it runs, so neither a later read nor a failed write can see a stale answer. It lives
 * and dies with its transaction: nothing is shared between transactions.
 */
final class TxMemo {

    private final Map<String, Map<List<Object>, Object>> tables = new HashMap<>();

    /** The answer of {@code query} for {@code key}, read at most once until {@code table} is written. */
    @SuppressWarnings("unchecked")
    <T> T read(String table, Supplier<T> query, Object... key) {
        Map<List<Object>, Object> rows = tables.computeIfAbsent(table, t -> new HashMap<>());
        List<Object> id = Arrays.asList(key);
        Object answer = rows.get(id);
        if (answer == null) {
            answer = immutable(query.get());
            rows.put(id, answer);
        }
        return (T) answer;
    }

    /** Forgets what was read from {@code table}: called before every write to it. */
    void forget(String table) {
        Map<List<Object>, Object> rows = tables.get(table);
        if (rows != null) {
            rows.clear();
        }
    }

    /** Remembers {@code answer} as what {@code key} now reads in {@code table} (after a write that decides it). */
    void remember(String table, Object answer, Object... key) {
        tables.computeIfAbsent(table, t -> new HashMap<>()).put(Arrays.asList(key), immutable(answer));
    }

    // lists are handed to every caller that asks: none of them may change what the next one gets
    private static Object immutable(Object answer) {
        return answer instanceof List<?> list ? List.copyOf(list) : answer;
    }
}
