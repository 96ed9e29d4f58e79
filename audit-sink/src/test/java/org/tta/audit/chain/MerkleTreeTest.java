package org.tta.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static MerkleTree.Leaf leaf(String chain, long seq, int fill) {
        byte[] hash = new byte[32];
        java.util.Arrays.fill(hash, (byte) fill);
        return new MerkleTree.Leaf(chain, seq, hash);
    }

    @Test
    void doesNotDependOnTheOrderTheHeadsAreGivenIn() {
        List<MerkleTree.Leaf> leaves = List.of(leaf("session:b", 2, 1), leaf("session:a", 5, 2), leaf("global", 9, 3));

        assertThat(MerkleTree.root(leaves)).isEqualTo(MerkleTree.root(List.of(leaves.get(2), leaves.get(0), leaves.get(1))));
    }

    @Test
    void changesWhenAnyHeadChanges() {
        byte[] root = MerkleTree.root(List.of(leaf("a", 1, 1), leaf("b", 1, 2), leaf("c", 1, 3)));

        assertThat(MerkleTree.root(List.of(leaf("a", 1, 1), leaf("b", 2, 2), leaf("c", 1, 3)))).isNotEqualTo(root);
        assertThat(MerkleTree.root(List.of(leaf("a", 1, 1), leaf("b", 1, 9), leaf("c", 1, 3)))).isNotEqualTo(root);
        assertThat(MerkleTree.root(List.of(leaf("a", 1, 1), leaf("b", 1, 2)))).isNotEqualTo(root);
    }

    @Test
    void keepsALeafFromPassingAsANode() {
        // A one-leaf tree's root is the leaf hash, which is domain-separated from any node hash.
        byte[] single = MerkleTree.root(List.of(leaf("a", 1, 1)));

        assertThat(single).hasSize(32).isNotEqualTo(leaf("a", 1, 1).hash());
    }
}
