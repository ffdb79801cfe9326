package org.countersign.core.internal.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Stored JSON documents that are read on almost every action and change rarely (workspace settings, resource
 * labels), each parsed once: looking the text up is far cheaper than parsing it. Only for parsed values that
 * nobody can change, since every caller gets the same one. The least recently used are forgotten first.
 */
public final class ParsedDocuments<T> {

    private final Function<String, T> parse;
    private final Map<String, T> parsed;

    public ParsedDocuments(int size, Function<String, T> parse) {
        this.parse = parse;
        this.parsed = Collections.synchronizedMap(new LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > size;
            }
        });
    }

    public T read(String json) {
        T known = parsed.get(json);
        if (known == null) {
            known = parse.apply(json);
            parsed.put(json, known);
        }
        return known;
    }
}
