package org.countersign.core.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.ResourceType;

/**
 * Checks a config against its type's JSON Schema (draft 2020-12), then against the type's own checks. Schemas
 * are compiled once per schema text, so a plugin that is replaced with a new schema gets it compiled afresh.
 */
final class ConfigValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).build();
    private static final int MAX_ERRORS = 50;

    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Refuses with 400 {@code invalid_config} and every problem at its path under {@code /config}. */
    void check(ResourceType type, Map<String, Object> config) {
        JsonSchema schema = compiled.computeIfAbsent(type.configSchema(), text -> FACTORY.getSchema(text, CONFIG));
        JsonNode node = MAPPER.valueToTree(config);
        List<FieldError> errors = schema.validate(node).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .limit(MAX_ERRORS)
                .map(m -> new FieldError("/config" + m.getInstanceLocation(), message(m)))
                .toList();
        if (errors.isEmpty()) {
            errors = type.validate(config).stream().map(e -> new FieldError("/config" + e.path(), e.message())).toList();
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("invalid_config", "The config does not match the " + type.name() + " schema",
                    errors);
        }
    }

    /** The validator's message without the location it starts with, which the path already gives. */
    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        String location = m.getInstanceLocation().toString();
        return text.startsWith(location + ": ") ? text.substring(location.length() + 2) : text;
    }
}
