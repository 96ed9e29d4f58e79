package org.tta.audit.phi;

import java.util.Optional;

import org.tta.audit.store.StoredAuditRecord;

/**
 * The only way back from a stored ciphertext to message text: the reviewer read path calls it for
 * callers with the {@code clinical_reviewer} role ({@link ContentAccess}); {@code ops} gets metadata
 * only and must never reach it. Thread-safe; data keys are unwrapped once and cached.
 */
public interface ContentDecryptor {

    /**
     * The record's message text, or empty when it had none.
     *
     * @throws ContentUnavailableException when the ciphertext cannot be opened (unknown KEK id, wrong key,
     *                                     or a ciphertext that was altered or moved to another row)
     */
    Optional<DecryptedContent> decrypt(StoredAuditRecord record);
}
