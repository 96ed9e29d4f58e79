package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tta.safety.classify.text.TextNormalizer;

/** The features read the rules' normalisation: obfuscated spellings give the same vector as the plain one. */
class TextFeaturesTest {

    private static TextFeatures.Vector of(String text) {
        return TextFeatures.of(TextNormalizer.normalize(text));
    }

    @Test
    void obfuscatedSpellingsGiveThePlainSpellingsFeatures() {
        TextFeatures.Vector plain = of("I want to kill myself");

        assertThat(of("I w4nt to k1ll mys3lf").indices()).containsExactly(plain.indices());
        assertThat(of("I WANT TO KIIIILL MYSELF").indices()).containsExactly(plain.indices());
        assertThat(of("I want to ｋｉｌｌ myself").indices()).containsExactly(plain.indices());
    }

    @Test
    void indicesAreDistinctAscendingInRangeAndTheVectorHasUnitLength() {
        TextFeatures.Vector v = of("the pills are in my bag. the pills are in my bag, tonight");

        assertThat(v.indices()).isSorted().doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(v.indices())).allMatch(i -> i >= 0 && i < TextFeatures.DIMENSION);
        assertThat((double) v.value() * v.value() * v.size()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(of("").size()).isZero();
    }
}
