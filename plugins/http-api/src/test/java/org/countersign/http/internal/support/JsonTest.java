package org.countersign.http.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.resource.NewResource;
import org.junit.jupiter.api.Test;

/** Reading request bodies: syntax, strict scalar types, valid Unicode, and the JSON paths of failures. */
class JsonTest {

    record Flags(Boolean enabled, Integer count, Double ratio, List<String> names, Mode mode) {
    }

    enum Mode { DRAFT, SUBMIT }

    private static <T> T read(String body, Class<T> type) {
        return Json.read(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static BadRequestException refused(String body, Class<?> type) {
        return refused(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static BadRequestException refused(byte[] body, Class<?> type) {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> Json.read(body, type));
        assertThat(e).as("refused: " + new String(body, StandardCharsets.UTF_8)).isNotNull();
        return e;
    }

    private static List<String> paths(BadRequestException e) {
        return e.errors().stream().map(FieldError::path).toList();
    }

    @Test
    void textAfterTheValueIsInvalidJson() {
        for (String body : List.of("{\"name\":\"a\"} {\"name\":\"b\"}", "{\"name\":\"a\"} x", "{\"name\":\"a\"}}",
                "{\"name\":\"a\"}]", "{\"name\":\"a\"} 5", "{\"name\":\"a\"} \"more\"", "{} {}")) {
            assertThat(refused(body, NewResource.class).code()).as(body).isEqualTo("invalid_json");
        }
        assertThat(refused("{\"a\":1} {\"b\":2}", Map.class).code()).isEqualTo("invalid_json");
    }

    @Test
    void whitespaceAroundTheValueIsFine() {
        assertThat(read("  \n{\"name\":\"a\"}\r\n\t ", NewResource.class).name()).isEqualTo("a");
    }

    @Test
    void duplicateKeysAreInvalidJsonAtAnyDepth() {
        assertThat(refused("{\"name\":\"a\",\"name\":\"b\"}", NewResource.class).code()).isEqualTo("invalid_json");
        assertThat(refused("{\"labels\":{\"team\":\"a\",\"team\":\"b\"}}", NewResource.class).code()).isEqualTo("invalid_json");
        assertThat(refused("{\"config\":{\"x\":[{\"k\":1,\"k\":2}]}}", NewResource.class).code()).isEqualTo("invalid_json");
        assertThat(refused("{\"requireApprovals\":true,\"requireApprovals\":false}", Map.class).code())
                .isEqualTo("invalid_json");
    }

    @Test
    void scalarsAreNotCoercedIntoStrings() {
        BadRequestException label = refused("{\"labels\":{\"team\":5}}", NewResource.class);
        assertThat(label.code()).isEqualTo("validation_failed");
        assertThat(paths(label)).containsExactly("/labels/team");

        assertThat(paths(refused("{\"name\":true}", NewResource.class))).containsExactly("/name");
        assertThat(paths(refused("{\"name\":1.5}", NewResource.class))).containsExactly("/name");
        assertThat(paths(refused("{\"owners\":[\"a\",7]}", NewResource.class))).containsExactly("/owners/1");
        assertThat(paths(refused("{\"names\":[false]}", Flags.class))).containsExactly("/names/0");
        assertThat(paths(refused("{\"name\":{\"x\":\"y\"}}", NewResource.class))).containsExactly("/name");
        assertThat(paths(refused("{\"name\":[\"x\"]}", NewResource.class))).containsExactly("/name");
    }

    @Test
    void otherScalarsAreNotCoercedEither() {
        assertThat(paths(refused("{\"enabled\":\"true\"}", Flags.class))).containsExactly("/enabled");
        assertThat(paths(refused("{\"enabled\":1}", Flags.class))).containsExactly("/enabled");
        assertThat(paths(refused("{\"count\":\"5\"}", Flags.class))).containsExactly("/count");
        assertThat(paths(refused("{\"count\":1.5}", Flags.class))).containsExactly("/count");
        assertThat(paths(refused("{\"ratio\":\"0.5\"}", Flags.class))).containsExactly("/ratio");
        assertThat(paths(refused("{\"mode\":1}", Flags.class))).containsExactly("/mode");
        Flags flags = read("{\"enabled\":true,\"count\":5,\"ratio\":2,\"names\":[\"a\"],\"mode\":\"SUBMIT\"}", Flags.class);
        assertThat(flags).isEqualTo(new Flags(true, 5, 2.0, List.of("a"), Mode.SUBMIT));
    }

    @Test
    void untypedConfigKeepsItsJsonTypes() {
        NewResource resource = read("{\"type\":\"model\",\"name\":\"m\",\"labels\":{\"team\":\"5\"},"
                + "\"config\":{\"int\":5,\"big\":12345678901,\"float\":1.5,\"flag\":true,\"text\":\"5\",\"none\":null,"
                + "\"nested\":{\"list\":[1,\"a\",false,{\"deep\":2.25}]}}}", NewResource.class);
        assertThat(resource.labels()).containsEntry("team", "5");
        Map<String, Object> config = resource.config();
        assertThat(config.get("int")).isEqualTo(5);
        assertThat(config.get("big")).isEqualTo(12345678901L);
        assertThat(config.get("float")).isEqualTo(1.5);
        assertThat(config.get("flag")).isEqualTo(true);
        assertThat(config.get("text")).isEqualTo("5");
        assertThat(config).containsEntry("none", null);
        assertThat(config.get("nested")).isEqualTo(Map.of("list", List.of(1, "a", false, Map.of("deep", 2.25))));
    }

    @Test
    void aLoneSurrogateIsRefusedAtItsPath() {
        assertLoneSurrogateAt("{\"name\":\"a\\ud800b\"}", "/name");
        assertLoneSurrogateAt("{\"name\":\"ends high \\ud83d\"}", "/name");
        assertLoneSurrogateAt("{\"name\":\"\\udc00 low first\"}", "/name");
        assertLoneSurrogateAt("{\"name\":\"reversed \\ude00\\ud83d\"}", "/name");
        assertLoneSurrogateAt("{\"labels\":{\"team\":\"\\ud800\"}}", "/labels/team");
        assertLoneSurrogateAt("{\"owners\":[\"ok\",\"\\udfff\"]}", "/owners/1");
        assertLoneSurrogateAt("{\"config\":{\"a\":[{\"b\":{\"c\":\"x\\ud800\"}}]}}", "/config/a/0/b/c");
        // names with / and ~ are escaped as RFC 6901 says
        assertLoneSurrogateAt("{\"config\":{\"a/b\":{\"c~d\":\"\\ud800\"}}}", "/config/a~1b/c~0d");
        // in a field name, of a known field's map or deep in config: the path ends in that name
        assertLoneSurrogateAt("{\"labels\":{\"te\\ud800am\":\"x\"}}", "/labels/te\ud800am");
        assertLoneSurrogateAt("{\"config\":{\"deep\":{\"\\udbff\":1}}}", "/config/deep/\udbff");
        // an unknown field whose name is broken is still a Unicode problem first
        assertLoneSurrogateAt("{\"\\ud800\":1}", "/\ud800");
        assertLoneSurrogateAt("{\"requireApprovals\":\"\\ud800\"}", Map.class, "/requireApprovals");
    }

    @Test
    void aBodyThatIsNotUtf8IsInvalidJson() {
        // a surrogate written out as bytes (ED A0 80, CESU-8), a stray byte, an overlong '/', a truncated sequence
        for (byte[] raw : List.of(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            BadRequestException e = refused(withinName(raw), NewResource.class);
            assertThat(e.code()).isEqualTo("invalid_json");
            assertThat(e.detail()).contains("UTF-8");
        }
    }

    @Test
    void aByteOrderMarkIsSkipped() {
        assertThat(Json.read(withPrefix(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{\"name\":\"a\"}"),
                NewResource.class).name()).isEqualTo("a");
    }

    private static byte[] withinName(byte[] raw) {
        byte[] prefix = "{\"name\":\"a".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + raw.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(raw, 0, body, prefix.length, raw.length);
        System.arraycopy(suffix, 0, body, prefix.length + raw.length, suffix.length);
        return body;
    }

    private static byte[] withPrefix(byte[] raw, String json) {
        byte[] rest = json.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[raw.length + rest.length];
        System.arraycopy(raw, 0, body, 0, raw.length);
        System.arraycopy(rest, 0, body, raw.length, rest.length);
        return body;
    }

    @Test
    void surrogatePairsAreText() {
        NewResource resource = read("{\"name\":\"rocket \\ud83d\\ude80 and \uD83D\uDE80\","
                + "\"config\":{\"\\ud83d\\ude80\":\"\\ud83d\\ude80\"}}", NewResource.class);
        assertThat(resource.name()).isEqualTo("rocket \uD83D\uDE80 and \uD83D\uDE80");
        assertThat(resource.config()).containsEntry("\uD83D\uDE80", "\uD83D\uDE80");
    }

    @Test
    void bindingPathsAreEscapedPointers() {
        assertThat(paths(refused("{\"labels\":{\"a/b~c\":5}}", NewResource.class))).containsExactly("/labels/a~1b~0c");
    }

    @Test
    void malformedAndEmptyBodiesAreInvalidJson() {
        for (String body : List.of("{\"name\": ", "{name:\"a\"}", "{\"name\":'a'}", "", "   ", "nul", "[1,]")) {
            assertThat(refused(body, NewResource.class).code()).as(body).isEqualTo("invalid_json");
        }
        assertThat(refused("null", NewResource.class).code()).isEqualTo("invalid_json");
    }

    private static void assertLoneSurrogateAt(String body, String path) {
        assertLoneSurrogateAt(body, NewResource.class, path);
    }

    private static void assertLoneSurrogateAt(String body, Class<?> type, String path) {
        BadRequestException e = refused(body, type);
        assertThat(e.code()).as(body).isEqualTo("validation_failed");
        assertThat(paths(e)).as(body).containsExactly(path);
    }
}
