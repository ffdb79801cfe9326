package org.countersign.http.internal.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/**
 * One streaming pass over a body before it is bound to a type: the body must be exactly one well-formed JSON
 * value without duplicate keys ({@code invalid_json}), and no string or field name may hold a lone UTF-16
 * surrogate, which could only be stored as {@code ?} ({@code validation_failed} at its JSON pointer). Left to
 * binding, trailing text would pass for a type mismatch and a duplicate deep in a value would come back
 * wrapped as a mapping error; checked first, each failure has one code.
 */
final class JsonSyntaxCheck {

    private JsonSyntaxCheck() {
    }

    /** {@code text} is the body already decoded from UTF-8, so field names and values are checked alike. */
    static void check(ObjectMapper mapper, String text) {
        try (JsonParser parser = mapper.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new BadRequestException("invalid_json", "The request needs a JSON body");
            }
            scanValue(parser);
            if (parser.nextToken() != null) {
                throw new BadRequestException("invalid_json", "Malformed JSON: more text follows the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new BadRequestException("invalid_json", "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("invalid_json", "Unreadable body: " + e.getMessage());
        }
    }

    /** Reads the value the parser stands on, to its end, checking every text token. */
    private static void scanValue(JsonParser parser) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                depth++;
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                depth--;
            } else if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                if (hasLoneSurrogate(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength())) {
                    throw loneSurrogate(parser.getParsingContext(), token == JsonToken.FIELD_NAME);
                }
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                throw new BadRequestException("invalid_json", "Malformed JSON: the body ends inside a value");
            }
        }
    }

    private static boolean hasLoneSurrogate(char[] text, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static BadRequestException loneSurrogate(JsonStreamContext context, boolean fieldName) {
        String path = pointer(context);
        String message = fieldName ? "is a field name with a lone UTF-16 surrogate" : "holds a lone UTF-16 surrogate";
        return new BadRequestException("validation_failed",
                "Text must be valid Unicode: " + (path.isEmpty() ? "the body" : path) + " " + message,
                List.of(new FieldError(path, message)));
    }

    /** RFC 6901 pointer of where the parser stands ({@code ~} and {@code /} in names escaped). */
    private static String pointer(JsonStreamContext context) {
        return context.pathAsPointer().toString();
    }
}
