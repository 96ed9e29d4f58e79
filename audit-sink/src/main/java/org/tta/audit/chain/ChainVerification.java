package org.tta.audit.chain;

import java.time.Instant;

/**
 * The result of recomputing one chain.
 *
 * @param chainId         the chain, such as {@code session:abc}
 * @param intact          whether every link and the head check out (and the latest checkpoint, when there is one)
 * @param records         rows walked
 * @param firstSeq        the first link present: 1, or later when retention dropped the oldest partitions
 * @param headSeq         the last link present
 * @param headHash        its row hash, hex
 * @param firstBrokenLink the first link that does not check out, or {@code null}
 * @param checkpoint      the check against the latest signed checkpoint holding this chain
 */
public record ChainVerification(String chainId, boolean intact, long records, long firstSeq, long headSeq,
        String headHash, BrokenLink firstBrokenLink, CheckpointCheck checkpoint) {

    /** What is wrong with a link. */
    public enum Problem {
        /** The row's contents do not hash to its stored row hash: it was edited. */
        ALTERED,
        /** The row's previous-hash does not name the row before it: rows were replaced or reordered. */
        LINK_BROKEN,
        /** The link with this seq is not there: the row was deleted. */
        MISSING,
        /** The chain head says the chain goes further (or elsewhere) than its rows: rows at the end were deleted. */
        HEAD_MISMATCH
    }

    /**
     * @param seq     the chain seq of the link
     * @param eventId the event id of the row there, {@code null} when it is missing
     */
    public record BrokenLink(long seq, String eventId, Problem problem) {
    }

    /** How the chain compares with the latest signed checkpoint that holds it. */
    public enum CheckpointStatus {
        /** The signature is good, the Merkle root matches its heads, and the row at the checkpointed seq has that hash. */
        MATCHES,
        /** The checkpoint is genuine, but the row at its seq is missing or hashes differently. */
        CHAIN_DIFFERS,
        /** The signature does not verify, or the stored heads do not give the signed Merkle root. */
        CHECKPOINT_INVALID,
        /** Signed by a key that is not configured (a generated development key of an earlier run, say). */
        UNKNOWN_KEY,
        /** No checkpoint holds this chain yet. */
        NONE
    }

    public record CheckpointCheck(CheckpointStatus status, String checkpointId, Instant createdAt, String keyId,
            Long seq) {
        static CheckpointCheck none() {
            return new CheckpointCheck(CheckpointStatus.NONE, null, null, null, null);
        }
    }
}
