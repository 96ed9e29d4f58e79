package org.tta.audit.chain;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signed checkpoints of the hash chains. Without a {@code private-key} the sink makes an Ed25519 key
 * at start-up, for development only: its checkpoints cannot be verified once the process is gone
 * (a warning says so). {@code toString} never shows the private key.
 *
 * @param interval    how often the heads of chains that moved are signed and published
 * @param maxEntries  most chain heads in one checkpoint (more make more checkpoints in the same run)
 * @param keyId       the id of the signing key, recorded in every checkpoint
 * @param privateKey  the Ed25519 signing key, PKCS#8 DER in base64; empty for a generated development key
 * @param publicKey   its public key, X.509 DER in base64 (required with a private key)
 * @param trustedKeys public keys of earlier signing keys by key id (X.509 base64), so that old checkpoints verify
 */
@Validated
@ConfigurationProperties("tta.audit.checkpoint")
public record CheckpointProperties(
        @DefaultValue("5m") @NotNull Duration interval,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxEntries,
        @DefaultValue("") @Pattern(regexp = "^$|^[A-Za-z0-9._-]{1,64}$") String keyId,
        @DefaultValue("") String privateKey,
        @DefaultValue("") String publicKey,
        Map<String, String> trustedKeys) {

    public CheckpointProperties {
        trustedKeys = trustedKeys == null ? Map.of() : Map.copyOf(trustedKeys);
        if (!privateKey.isBlank() && (publicKey.isBlank() || keyId.isBlank())) {
            throw new IllegalArgumentException("tta.audit.checkpoint.private-key needs public-key and key-id too");
        }
    }

    boolean generatesKey() {
        return privateKey.isBlank();
    }

    @Override
    public String toString() {
        return "CheckpointProperties[interval=" + interval + ", maxEntries=" + maxEntries + ", keyId=" + keyId
                + ", privateKey=" + (privateKey.isBlank() ? "<generated>" : "<masked>") + ", trustedKeys="
                + trustedKeys.keySet() + "]";
    }
}
