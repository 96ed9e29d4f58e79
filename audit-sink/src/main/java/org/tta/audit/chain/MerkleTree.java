package org.tta.audit.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Merkle root a checkpoint signs. Leaves are the chain heads sorted by chain id (by code point);
 * {@code leaf = SHA-256(0x00 || field(chainId) || field(seq as decimal) || field(hash))} with {@code field}
 * the length-prefixed encoding of {@link CanonicalForm}; {@code node = SHA-256(0x01 || left || right)};
 * a level with an odd count carries its last node up unchanged. The 0x00/0x01 prefixes keep a leaf
 * from passing as a node (as in RFC 6962).
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** One leaf: a chain's head at the time of the checkpoint. */
    public record Leaf(String chainId, long seq, byte[] hash) {
    }

    public static byte[] root(List<Leaf> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("A checkpoint has at least one chain head");
        }
        List<byte[]> level = new ArrayList<>(leaves.size());
        leaves.stream().sorted(Comparator.comparing(Leaf::chainId, MerkleTree::compareCodePoints)).forEach(leaf -> {
            CanonicalForm.Fields f = new CanonicalForm.Fields().text(leaf.chainId()).text(Long.toString(leaf.seq()))
                    .raw(leaf.hash());
            level.add(CanonicalForm.sha256(concat(new byte[] {0x00}, f.bytes())));
        });
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size()
                        ? CanonicalForm.sha256(concat(new byte[] {0x01}, concat(level.get(i), level.get(i + 1))))
                        : level.get(i));
            }
            level.clear();
            level.addAll(up);
        }
        return level.getFirst();
    }

    static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
