package org.countersign.http.internal.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.util.List;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/**
 * JSON in and out. Reading is strict: unknown fields are refused ({@code unknown_field}) so a client cannot
 * set {@code id} or {@code state}; malformed JSON is {@code invalid_json}; a wrong type is
 * {@code validation_failed} with the JSON path.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private Json() {
    }

    /** Reads the body as {@code type}; an empty body is {@code invalid_json}. */
    public static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new BadRequestException("invalid_json", "The request needs a JSON body");
        }
        try {
            T value = MAPPER.readValue(body, type);
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
        } catch (java.io.IOException e) {
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

    private static String pointer(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return path.toString();
    }
}
