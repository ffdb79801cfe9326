package org.countersign.core.internal.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private final SecretBox box = SecretBox.ephemeral();

    @Test
    void sealedTextOpensToThePlaintextAndNeverContainsIt() {
        String sealed = box.seal("/secrets/password", "s3cret-value");

        assertThat(sealed).startsWith("enc:v1:").doesNotContain("s3cret");
        assertThat(box.open(sealed)).isEqualTo("s3cret-value");
    }

    @Test
    void theSameSecretInTheSamePlaceSealsTheSameWayAndElsewhereDifferently() {
        assertThat(box.seal("/a", "x")).isEqualTo(box.seal("/a", "x"));
        assertThat(box.seal("/a", "x")).isNotEqualTo(box.seal("/b", "x")).isNotEqualTo(box.seal("/a", "y"));
    }

    @Test
    void sealingIsIdempotentAndPlaintextFromBeforeEncryptionReadsAsItIs() {
        String sealed = box.seal("/a", "x");
        assertThat(box.seal("/a", sealed)).isEqualTo(sealed);
        assertThat(box.open("stored before encryption")).isEqualTo("stored before encryption");
        assertThat(box.seal("/a", null)).isNull();
    }

    @Test
    void anotherKeyCannotOpenIt() {
        String sealed = box.seal("/a", "x");

        assertThatThrownBy(() -> SecretBox.ephemeral().open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secret.key");
    }
}
