package org.tta.audit.chain;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * A signed checkpoint: the heads of the chains that moved since the last one, their Merkle root, and
 * an Ed25519 signature over {@link #signedBytes}. The same document is stored ({@code audit_checkpoint},
 * {@code audit_checkpoint_entry}) and published to {@code tta.audit.checkpoints.v1} (data of
 * {@code org.tta.audit.checkpoint.v1}, schema {@code audit-checkpoint.v1.json}).
 */
public record Checkpoint(String checkpointId, Instant createdAt, String keyId, byte[] merkleRoot,
        List<MerkleTree.Leaf> entries, byte[] signature) {

    public static final String ALGORITHM = "Ed25519";
    static final byte[] DOMAIN = "tta-audit-checkpoint-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * What is signed: the fields domain tag {@code tta-audit-checkpoint-v1}, checkpoint id, created at
     * (canonical time), key id, entry count (decimal), Merkle root (32 raw bytes), length-prefixed as in
     * {@link CanonicalForm}.
     */
    public static byte[] signedBytes(String checkpointId, Instant createdAt, String keyId, int entryCount,
            byte[] merkleRoot) {
        return new CanonicalForm.Fields().raw(DOMAIN).text(checkpointId).time(createdAt).text(keyId)
                .text(Integer.toString(entryCount)).raw(merkleRoot).bytes();
    }

    public byte[] signedBytes() {
        return signedBytes(checkpointId, createdAt, keyId, entries.size(), merkleRoot);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + checkpointId + ", " + entries.size() + " heads, root " + HexFormat.of().formatHex(merkleRoot)
                + ", key " + keyId + "]";
    }
}
