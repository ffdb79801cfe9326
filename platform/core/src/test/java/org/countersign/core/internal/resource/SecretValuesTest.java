package org.countersign.core.internal.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.countersign.core.internal.TestTypes;
import org.countersign.core.internal.support.JsonText;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

    private static final List<String> WRITE_ONLY = List.of("/secrets", "/token");

    @Test
    void everyValueUnderAWriteOnlyPathIsSealedOnItsOwnAndTheShapeStays() {
        Map<String, Object> config = Map.of("host", "db", "secrets", Map.of("password", "hunter2", "pin", 1234),
                "token", "abc");

        Map<String, Object> sealed = SecretValues.seal(TestTypes.SECRETS, config, WRITE_ONLY);

        String stored = JsonText.write(sealed);
        assertThat(stored).doesNotContain("hunter2").doesNotContain("1234").doesNotContain("abc").contains("\"db\"");
        assertThat(sealed.get("secrets")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) sealed.get("secrets")).keySet()).map(String::valueOf).containsExactlyInAnyOrder("password", "pin");
        assertThat(SecretValues.open(TestTypes.SECRETS, sealed, WRITE_ONLY)).isEqualTo(config);
    }

    @Test
    void sealingTwiceChangesNothingAndOtherPathsAreLeftAlone() {
        Map<String, Object> config = Map.of("host", "db", "secrets", Map.of("password", "hunter2"));
        Map<String, Object> sealed = SecretValues.seal(TestTypes.SECRETS, config, WRITE_ONLY);

        assertThat(SecretValues.seal(TestTypes.SECRETS, sealed, WRITE_ONLY)).isEqualTo(sealed);
        assertThat(SecretValues.seal(TestTypes.SECRETS, Map.of("host", "db"), WRITE_ONLY)).isEqualTo(Map.of("host", "db"));
    }
}
