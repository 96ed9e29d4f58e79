package org.tta.audit.phi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.tta.audit.store.EncryptedContent;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.schemas.json.TtaJson;
import tools.jackson.core.type.TypeReference;

/**
 * Encrypts the text taken out of an event (a JSON object of JSON pointer to text) under the current
 * data key, with the event id as AAD; and, for the reviewer read path, decrypts it. Thread-safe.
 */
@Component
public class ContentCipher implements ContentDecryptor {

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };

    private final DataKeyRing keys;

    public ContentCipher(DataKeyRing keys) {
        this.keys = keys;
    }

    /** Encrypts {@code fields} for the row of {@code eventId}; {@code null} when there is nothing to encrypt. */
    public EncryptedContent encrypt(DataKeyRing.DataKey key, String eventId, Map<String, String> fields) {
        if (fields.isEmpty()) {
            return null;
        }
        byte[] plaintext = TtaJson.mapper().writeValueAsBytes(fields);
        byte[] nonce = AesGcm.newNonce();
        return new EncryptedContent(key.id(), nonce, AesGcm.encrypt(key.key(), nonce, plaintext, aad(eventId)));
    }

    @Override
    public Optional<DecryptedContent> decrypt(StoredAuditRecord record) {
        EncryptedContent content = record.content();
        if (content == null) {
            return Optional.empty();
        }
        byte[] plaintext;
        try {
            plaintext = AesGcm.decrypt(keys.key(content.dataKeyId()), content.nonce(), content.ciphertext(),
                    aad(record.eventId()));
        } catch (GeneralSecurityException e) {
            throw new ContentUnavailableException("The content of event " + record.eventId()
                    + " does not decrypt (altered, moved, or another key)", e);
        }
        Map<String, String> fields = TtaJson.mapper().readValue(plaintext, FIELDS);
        String text = fields.isEmpty() ? null : fields.values().iterator().next();
        return Optional.of(new DecryptedContent(text, fields));
    }

    private static byte[] aad(String eventId) {
        return eventId.getBytes(StandardCharsets.UTF_8);
    }
}
