package org.tta.audit.phi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a data key is wrapped by a KEK: AES-256-GCM under the KEK, with AAD {@code tta-audit-dek:<kekId>}, so a
 * wrapped key cannot be passed off as wrapped by another KEK.
 */
final class KeyWrapping {

    private KeyWrapping() {
    }

    /** A wrapped data key and the nonce it was wrapped with. */
    record Wrapped(byte[] nonce, byte[] key) {
    }

    static Wrapped wrap(byte[] kek, String kekId, byte[] dataKey) {
        byte[] nonce = AesGcm.newNonce();
        return new Wrapped(nonce, AesGcm.encrypt(new SecretKeySpec(kek, "AES"), nonce, dataKey, aad(kekId)));
    }

    static SecretKey unwrap(byte[] kek, String kekId, byte[] nonce, byte[] wrapped) throws GeneralSecurityException {
        return new SecretKeySpec(AesGcm.decrypt(new SecretKeySpec(kek, "AES"), nonce, wrapped, aad(kekId)), "AES");
    }

    private static byte[] aad(String kekId) {
        return ("tta-audit-dek:" + kekId).getBytes(StandardCharsets.UTF_8);
    }
}
