package org.countersign.notify.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.api.notify.DeliveryException;

/**
 * The Standard Webhooks signature: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}. A secret
 * in the {@code whsec_<base64>} format signs with the decoded bytes, any other secret with its UTF-8 bytes.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} header value for one attempt. */
    static String sign(String secret, String id, long timestamp, byte[] body) throws DeliveryException {
        byte[] signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(hmacSha256(key(secret), signed, body));
    }

    /** The signing key; a bad secret is permanent, and is never quoted in the message. */
    static byte[] key(String secret) throws DeliveryException {
        if (secret == null || secret.isEmpty()) {
            throw DeliveryException.permanent("no webhook secret is configured");
        }
        if (!secret.startsWith(SECRET_PREFIX)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            // not chained: the decoder's message quotes a character of the secret
            throw DeliveryException.permanent("the webhook secret starts with whsec_ but the rest is not base64");
        }
        if (key.length == 0) {
            throw DeliveryException.permanent("the webhook secret starts with whsec_ but holds no key");
        }
        return key;
    }

    /** HMAC-SHA256 of the concatenation of {@code parts}. */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
