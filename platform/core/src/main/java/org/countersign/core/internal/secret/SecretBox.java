package org.countersign.core.internal.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.countersign.api.config.InstanceConfig;
import org.countersign.core.internal.config.CoreConfiguration;
import org.countersign.core.internal.support.OwnerOnlyFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts write-only secrets at rest (docs/data-at-rest.md) with AES-256-GCM under the instance key in
 * {@code <data.dir>/secret.key} (or {@code secrets.key.file}), created owner-only on first start.
 *
 * <p>Sealing is deterministic: the nonce is derived from the key, the purpose (where the value sits) and the
 * plaintext, so the same secret in the same place always seals to the same text. Unchanged secrets then
 * never show up as changes in diffs or approval digests, and a nonce is only ever reused for the very same
 * message. Values stored before encryption existed are read as they are.
 */
@Component(service = SecretBox.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final Logger LOG = LoggerFactory.getLogger(SecretBox.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryption;
    private final SecretKeySpec nonces;

    @Activate
    public SecretBox(CoreConfiguration config) {
        this(loadOrCreate(InstanceConfig.dataFile(config.home(), config.data_dir(), config.secrets_key_file(), "secret.key")));
    }

    /** A box on this master key (tests, tools). */
    public SecretBox(byte[] master) {
        this.encryption = new SecretKeySpec(derive(master, "countersign secrets aes-256-gcm v1"), "AES");
        this.nonces = new SecretKeySpec(derive(master, "countersign secrets nonce v1"), "HmacSHA256");
    }

    /** A box with a key of its own that lives as long as the object: for tests. */
    public static SecretBox ephemeral() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new SecretBox(key);
    }

    /** Whether {@code value} is sealed text. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** Seals {@code plaintext} kept at {@code purpose}; sealed text passes through unchanged. */
    public String seal(String purpose, String plaintext) {
        if (plaintext == null || canOpen(plaintext)) {
            return plaintext;
        }
        try {
            byte[] message = plaintext.getBytes(StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonces);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] nonce = Arrays.copyOf(mac.doFinal(message), NONCE_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(message);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    /** The plaintext of sealed text; anything else (values stored before encryption) as it is. */
    public String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: was secret.key replaced?", e);
        }
    }

    /** Whether {@code value} is text this box sealed (and not something that merely looks like it). */
    public boolean canOpen(String value) {
        if (!isSealed(value)) {
            return false;
        }
        try {
            open(value);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM has HmacSHA256", e);
        }
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).strip());
                if (key.length != KEY_BYTES) {
                    throw new IllegalStateException(file + " does not hold a " + KEY_BYTES + "-byte key");
                }
                return key;
            }
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
            LOG.info("Created the key that encrypts stored secrets at {}: back it up with the database", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key " + file, e);
        }
    }
}
