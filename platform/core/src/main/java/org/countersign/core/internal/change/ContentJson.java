package org.countersign.core.internal.change;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.countersign.api.resource.ResourceContent;
import org.countersign.core.internal.support.JsonText;

/** The JSON documents resources are stored as. */
final class ContentJson {

    private static final TypeReference<ResourceContent> CONTENT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private ContentJson() {
    }

    static String write(Object value) {
        return JsonText.write(value);
    }

    static ResourceContent content(String json) {
        return JsonText.read(json, CONTENT);
    }

    static Map<String, String> labels(String json) {
        return JsonText.read(json, LABELS);
    }

    static List<String> strings(String json) {
        return JsonText.read(json, STRINGS);
    }

    /** A content as one JSON tree ({@code /name}, {@code /labels}, {@code /owners}, {@code /config}) for diffs. */
    static Map<String, Object> tree(ResourceContent content) {
        return JsonText.convert(content, JsonText.TREE);
    }
}
