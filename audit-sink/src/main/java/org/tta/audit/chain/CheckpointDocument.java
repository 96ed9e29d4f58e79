package org.tta.audit.chain;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The JSON form of a {@link Checkpoint} ({@code audit-checkpoint.v1.json}): hashes in hex, the signature in base64. */
record CheckpointDocument(String checkpointId, String createdAt, String keyId, String algorithm, String merkleRoot,
        List<Entry> entries, String signature) {

    record Entry(String chainId, long seq, String hash) {
    }

    static CheckpointDocument of(Checkpoint c) {
        HexFormat hex = HexFormat.of();
        return new CheckpointDocument(c.checkpointId(), CanonicalForm.time(c.createdAt()), c.keyId(), Checkpoint.ALGORITHM,
                hex.formatHex(c.merkleRoot()),
                c.entries().stream().map(e -> new Entry(e.chainId(), e.seq(), hex.formatHex(e.hash()))).toList(),
                Base64.getEncoder().encodeToString(c.signature()));
    }
}
