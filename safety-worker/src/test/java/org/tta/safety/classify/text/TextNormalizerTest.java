package org.tta.safety.classify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextNormalizerTest {

    record Obfuscated(String kind, String text, String plainWords) {
    }

    static Stream<Obfuscated> obfuscations() {
        return Stream.of(
                new Obfuscated("case", "I WANT TO DIE", "i want to die"),
                new Obfuscated("leetspeak", "i w4nt t0 k1ll mys3lf", "i want to kill myself"),
                new Obfuscated("symbols for letters", "i w@nt to k!ll my$elf", "i want to kill myself"),
                new Obfuscated("repeated letters", "i want to diiiiie", "i want to die"),
                new Obfuscated("spelled out with spaces", "k i l l  m y s e l f", "kill myself"),
                new Obfuscated("punctuation inside a word", "s.u.i.c.i.d.e", "suicide"),
                new Obfuscated("hyphens inside a word", "k-i-l-l m-y-s-e-l-f", "kill myself"),
                new Obfuscated("pronoun before a spelled-out word", "i c u t myself", "i cut myself"),
                new Obfuscated("Cyrillic look-alikes", "I w\u0430nt to k\u0456ll myself", "i want to kill myself"),
                new Obfuscated("Greek look-alikes", "\u0399 want to kill mys\u03B5lf", "i want to kill myself"),
                new Obfuscated("full-width letters", "\uFF29 \uFF37\uFF21\uFF2E\uFF34 \uFF34\uFF2F \uFF24\uFF29\uFF25", "i want to die"),
                new Obfuscated("mathematical bold", "\uD835\uDC08 \uD835\uDC30\uD835\uDC1A\uD835\uDC27\uD835\uDC2D", "i want"),
                new Obfuscated("small capitals", "I \u1D21\u1D00\u0274\u1D1B to die", "i want to die"),
                new Obfuscated("diacritics", "I want to d\u00EF\u00E9", "i want to die"),
                new Obfuscated("zero-width characters", "ki\u200Bll my\u00ADself", "kill myself"),
                new Obfuscated("apostrophes", "I don\u2019t want to live", "i dont want to live"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("obfuscations")
    void undoesObfuscation(Obfuscated o) {
        assertThat(keys(o.text())).isEqualTo(keys(o.plainWords()));
    }

    @Test
    void splitsSentencesAndClausesAndMarksQuotations() {
        NormalizedText text = TextNormalizer.normalize("The song goes \"I want to die\", sadly. Anyway, I'm fine");

        assertThat(text.sentences()).isEqualTo(2);
        assertThat(text.tokens()).filteredOn(Token::quoted).extracting(Token::key).containsExactly("i", "want", "to", "die");
        assertThat(text.get(text.size() - 1).sentence()).isEqualTo(1);
        assertThat(text.get(text.size() - 1).clause()).isGreaterThan(text.get(text.size() - 3).clause());
    }

    @Test
    void keepsDigitsOfNumbersAndAcceptsNothing() {
        assertThat(keys("clean for 2 years, 1 relapse")).isEqualTo(keys("clean for 2 years, 1 relapse".replace("clean", "c1ean")))
                .endsWith("2 years 1 reiapse"); // a word of digits is a number, not leetspeak
        assertThat(TextNormalizer.normalize(null).size()).isZero();
        assertThat(TextNormalizer.normalize("").size()).isZero();
        assertThat(TextNormalizer.normalize("\uD83D\uDE42 \uD83D\uDE42 !!!").size()).isZero();
    }

    private static String keys(String text) {
        return String.join(" ", TextNormalizer.normalize(text).tokens().stream().map(Token::key).toList());
    }
}
