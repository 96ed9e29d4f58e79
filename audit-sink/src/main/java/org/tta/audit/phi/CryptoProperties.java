package org.tta.audit.phi;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Envelope encryption of message text at rest. Old KEKs stay in {@code kek} after a rotation so that
 * the data keys they wrapped (and so the old rows) still decrypt; {@code toString} never shows a key.
 *
 * @param kek           key-encryption keys by id: base64 of 32 random bytes (AES-256)
 * @param activeKekId   the KEK that wraps new data keys
 * @param dataKeyWindow how long one data key encrypts new rows before the next one is made
 */
@Validated
@ConfigurationProperties("tta.audit.crypto")
public record CryptoProperties(
        @NotEmpty Map<String, String> kek,
        @NotBlank String activeKekId,
        @DefaultValue("1h") @NotNull Duration dataKeyWindow) {

    /** Id prefix of the development KEK shipped in audit-sink.yml; a warning is logged while it is active. */
    public static final String DEV_KEK_PREFIX = "dev-insecure";

    public CryptoProperties {
        kek = kek == null ? Map.of() : Map.copyOf(kek);
        if (activeKekId != null && !kek.isEmpty() && !kek.containsKey(activeKekId)) {
            throw new IllegalArgumentException("tta.audit.crypto.active-kek-id '" + activeKekId
                    + "' is not one of tta.audit.crypto.kek " + kek.keySet());
        }
        for (Map.Entry<String, String> key : kek.entrySet()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.getValue().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tta.audit.crypto.kek." + key.getKey() + " is not base64");
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException("tta.audit.crypto.kek." + key.getKey()
                        + " must be 32 bytes (AES-256), is " + bytes.length);
            }
        }
        if (dataKeyWindow != null && (dataKeyWindow.isNegative() || dataKeyWindow.isZero())) {
            throw new IllegalArgumentException("tta.audit.crypto.data-key-window must be positive");
        }
    }

    /** The raw bytes of a KEK, or {@code null} when the id is unknown. */
    byte[] kekBytes(String id) {
        String value = kek.get(id);
        return value == null ? null : Base64.getDecoder().decode(value.trim());
    }

    @Override
    public String toString() {
        return "CryptoProperties[kek=" + new TreeMap<>(kek).keySet() + " (values masked), activeKekId=" + activeKekId
                + ", dataKeyWindow=" + dataKeyWindow + "]";
    }
}
