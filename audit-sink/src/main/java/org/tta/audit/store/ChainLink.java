package org.tta.audit.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A row's place in its hash chain.
 *
 * @param chainId  {@code session:<sessionId>}, {@code subject:<subjectId>} for events about no session, or {@code global}
 * @param seq      1, 2, 3... within the chain, in stored order
 * @param prevHash the row hash of link {@code seq - 1}; 32 zero bytes for the first link
 * @param hash     SHA-256 of the row's canonical form (which includes {@code prevHash})
 */
public record ChainLink(String chainId, long seq, byte[] prevHash, byte[] hash) {

    public static final int HASH_BYTES = 32;

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainLink that && seq == that.seq && chainId.equals(that.chainId)
                && Arrays.equals(prevHash, that.prevHash) && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * chainId.hashCode() + Long.hashCode(seq);
    }

    @Override
    public String toString() {
        return "ChainLink[" + chainId + "#" + seq + " " + hex(hash) + "]";
    }
}
