package org.tta.audit.chain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Ed25519 signing key of checkpoints (JDK built-in) and the public keys they are verified with. Thread-safe. */
@Component
public class CheckpointKeys {

    private static final Logger log = LoggerFactory.getLogger(CheckpointKeys.class);

    private final String keyId;
    private final PrivateKey signingKey;
    private final Map<String, PublicKey> publicKeys = new HashMap<>();

    public CheckpointKeys(CheckpointProperties properties) {
        try {
            KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
            for (Map.Entry<String, String> trusted : properties.trustedKeys().entrySet()) {
                publicKeys.put(trusted.getKey(), ed25519.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(trusted.getValue().trim()))));
            }
            if (properties.generatesKey()) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                this.signingKey = pair.getPrivate();
                this.keyId = "dev-generated-" + HexFormat.of().formatHex(CanonicalForm.sha256(pair.getPublic().getEncoded()), 0, 4);
                publicKeys.put(keyId, pair.getPublic());
                log.warn("Audit checkpoints are signed with a GENERATED DEVELOPMENT key '{}' (public key {}); it is lost "
                        + "at shutdown. Configure tta.audit.checkpoint.private-key, public-key and key-id outside development",
                        keyId, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            } else {
                this.keyId = properties.keyId();
                this.signingKey = ed25519.generatePrivate(
                        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(properties.privateKey().trim())));
                publicKeys.put(keyId, ed25519.generatePublic(
                        new X509EncodedKeySpec(Base64.getDecoder().decode(properties.publicKey().trim()))));
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tta.audit.checkpoint keys are not valid Ed25519 keys (PKCS#8 / X.509, base64)", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key of the current signing key, X.509 DER, for whoever checks published checkpoints. */
    public byte[] publicKeyBytes() {
        return publicKeys.get(keyId).getEncoded();
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Whether {@code signature} is a valid signature of {@code message} by key {@code id}; empty when the key is unknown. */
    java.util.Optional<Boolean> verify(String id, byte[] message, byte[] signature) {
        PublicKey key = publicKeys.get(id);
        if (key == null) {
            return java.util.Optional.empty();
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return java.util.Optional.of(verifier.verify(signature));
        } catch (GeneralSecurityException e) {
            return java.util.Optional.of(false);
        }
    }
}
