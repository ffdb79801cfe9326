package org.countersign.core.internal.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.countersign.api.storage.StorageException;

/** JSON documents the core keeps in storage (settings, role statements). Anything unreadable is a storage fault. */
public final class JsonText {

    /** A JSON object as maps, lists and scalars. */
    public static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {
    };

    // request states and kinds are written and read by their API names ("changes_requested"), never as constants
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .build();

    private JsonText() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("Stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    /** Converts a parsed JSON tree (maps, lists, scalars) into a typed value. */
    public static <T> T convert(Object tree, TypeReference<T> type) {
        return MAPPER.convertValue(tree, type);
    }
}
