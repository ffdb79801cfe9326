package org.countersign.http.internal.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/**
 * JSON in and out. Reading is strict: unknown fields are refused ({@code unknown_field}) so a client cannot
 * set {@code id} or {@code state}; malformed JSON, trailing text and duplicate keys are {@code invalid_json};
 * a wrong type is {@code validation_failed} with the JSON path. Scalars are never coerced: {@code 5} or
 * {@code true} is not a string, {@code "true"} is not a boolean, {@code 1.5} is not an integer. Untyped
 * values (resource {@code config}) keep the JSON types they were sent with.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, refuse(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean))
            .withCoercionConfig(LogicalType.Boolean, refuse(CoercionInputShape.String, CoercionInputShape.Integer,
                    CoercionInputShape.Float))
            .withCoercionConfig(LogicalType.Integer, refuse(CoercionInputShape.String, CoercionInputShape.Float,
                    CoercionInputShape.Boolean))
            .withCoercionConfig(LogicalType.Float, refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
            .withCoercionConfig(LogicalType.Enum, refuse(CoercionInputShape.Integer, CoercionInputShape.Float))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private Json() {
    }

    /** Reads the body as {@code type}; an empty body is {@code invalid_json}. */
    public static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new BadRequestException("invalid_json", "The request needs a JSON body");
        }
        return read(body, type);
    }

    /**
     * Reads {@code body} as {@code type}: UTF-8 text (RFC 8259) first, then syntax (one value, no duplicate keys,
     * no lone surrogates), then binding.
     */
    static <T> T read(byte[] body, Class<T> type) {
        String text = utf8(body);
        JsonSyntaxCheck.check(MAPPER, text);
        try {
            T value = MAPPER.readValue(text, type);
            if (value == null) {
                throw new BadRequestException("invalid_json", "The request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String path = pointer(e);
            throw new BadRequestException("unknown_field", "Unknown field '" + e.getPropertyName() + "'",
                    List.of(new FieldError(path, "unknown field")));
        } catch (MismatchedInputException e) {
            String path = pointer(e);
            throw new BadRequestException("validation_failed", "Wrong type at " + (path.isEmpty() ? "the top level" : path),
                    List.of(new FieldError(path, "has the wrong type")));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("invalid_json", "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("invalid_json", "Unreadable body: " + e.getMessage());
        }
    }

    /** Reads an optional body: an empty one stands for {@code whenEmpty}. */
    public static <T> T readOptional(Context ctx, Class<T> type, T whenEmpty) {
        return ctx.body().isBlank() ? whenEmpty : read(ctx, type);
    }

    /** Writes {@code value} as the JSON response with {@code status}. */
    public static void write(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the response", e);
        }
    }

    /** Strict decoding: malformed bytes, overlong forms and encoded surrogates are refused, not replaced. */
    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new BadRequestException("invalid_json", "The request body is not valid UTF-8");
        }
    }

    /** The RFC 6901 pointer of a binding failure, names escaped. */
    private static String pointer(JsonMappingException e) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer = ref.getFieldName() != null ? pointer.appendProperty(ref.getFieldName())
                    : pointer.appendIndex(ref.getIndex());
        }
        return pointer.toString();
    }

    /** Coercion from these JSON shapes fails (a {@code validation_failed}) instead of converting. */
    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }
}
