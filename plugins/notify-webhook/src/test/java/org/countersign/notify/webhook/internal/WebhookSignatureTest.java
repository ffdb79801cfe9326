package org.countersign.notify.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.api.notify.DeliveryException;
import org.junit.jupiter.api.Test;

/** The signature recomputed independently, for both Standard Webhooks secret formats. */
class WebhookSignatureTest {

    @Test
    void plainSecretSignsWithItsUtf8Bytes() throws Exception {
        String secret = "plain-secret-with-ünïcode";
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, "dlv_1", 1_700_000_000L, body);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal("dlv_1.1700000000.{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1," + Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void whsecSecretSignsWithTheDecodedKey() throws Exception {
        byte[] key = new byte[24];
        new Random(3).nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String signature = WebhookSignature.sign(secret, "dlv_2", 1_700_000_001L, "{}".getBytes(StandardCharsets.UTF_8));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal("dlv_2.1700000001.{}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("v1," + Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void undecodableWhsecSecretIsPermanentAndNotQuoted() {
        String secret = "whsec_not*base64*at-all!!";
        assertThatThrownBy(() -> WebhookSignature.sign(secret, "dlv_3", 1L, new byte[0]))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("not*base64");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void missingSecretIsPermanent() {
        for (String secret : new String[] {null, "", "whsec_"}) {
            assertThatThrownBy(() -> WebhookSignature.sign(secret, "dlv_4", 1L, new byte[0]))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        }
    }
}
