package org.countersign.core.internal.resource;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.countersign.api.resource.ResourceContent;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.support.ParsedDocuments;

/** The JSON documents resources are stored as. */
public final class ContentJson {

    private static final TypeReference<ResourceContent> CONTENT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    /** Labels are asked for by every permission check: each distinct document is parsed once, read-only. */
    private static final ParsedDocuments<Map<String, String>> PARSED_LABELS = new ParsedDocuments<>(1024,
            json -> Collections.unmodifiableMap(JsonText.read(json, LABELS)));
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private ContentJson() {
    }

    public static String write(Object value) {
        return JsonText.write(value);
    }

    public static ResourceContent content(String json) {
        return JsonText.read(json, CONTENT);
    }

    public static Map<String, String> labels(String json) {
        return PARSED_LABELS.read(json);
    }

    public static List<String> strings(String json) {
        return JsonText.read(json, STRINGS);
    }

    /** A content as one JSON tree ({@code /name}, {@code /labels}, {@code /owners}, {@code /config}) for diffs. */
    static Map<String, Object> tree(ResourceContent content) {
        return JsonText.convert(content, JsonText.TREE);
    }
}
