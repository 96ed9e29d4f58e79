package org.tta.audit.store;

import java.util.Arrays;

/**
 * Message text as stored: AES-256-GCM ciphertext (with its 16-byte tag appended) under the data key
 * {@code dataKeyId}, with the event id as additional authenticated data, so a ciphertext moved to
 * another row does not decrypt.
 *
 * @param dataKeyId  the {@code audit_data_key} row holding the wrapped data key (and the id of the KEK that wraps it)
 * @param nonce      the 12-byte GCM nonce
 * @param ciphertext ciphertext and tag
 */
public record EncryptedContent(long dataKeyId, byte[] nonce, byte[] ciphertext) {

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedContent that && dataKeyId == that.dataKeyId
                && Arrays.equals(nonce, that.nonce) && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(dataKeyId) + Arrays.hashCode(nonce)) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "EncryptedContent[dataKeyId=" + dataKeyId + ", " + ciphertext.length + " bytes]";
    }
}
