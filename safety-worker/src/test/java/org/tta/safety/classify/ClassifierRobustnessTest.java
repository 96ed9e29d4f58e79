package org.tta.safety.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The classifier never throws and always answers, whatever text arrives (property-style, seeded random strings). */
class ClassifierRobustnessTest {

    private static final Classifier CLASSIFIER = Fixtures.rulesOnlyClassifier();
    private static final long SEED = 0x5AFE7L;
    private static final String ALPHABET = "kilmyse fdtowa.,!?'\"-*$@013457|\n\t ";

    static Stream<String> edgeCases() {
        return Stream.of("", " ", "\u0000", "\uFFFF", "\uD800", "\uDC00\uD800", "🙂".repeat(2000), "a".repeat(8000),
                "k ".repeat(4000), ".".repeat(8000), "'\"'\"'\"".repeat(500), "i want to die ".repeat(600),
                "\u202E\u200B\u00AD\u0301\u0301\u0301", "* * *", "{self}", "\\b(took) \\d+");
    }

    @ParameterizedTest
    @MethodSource("edgeCases")
    void answersForEdgeCases(String text) {
        assertAnswers(text);
    }

    @Test
    void answersForRandomUnicodeText() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            int length = random.nextInt(0, i % 100 == 0 ? 8_000 : 300);
            StringBuilder text = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                text.append((char) random.nextInt(0, 0x10000)); // lone surrogates, controls, anything
            }
            assertAnswers(text.toString());
        }
    }

    @Test
    void answersForRandomTextNearTheRulesAlphabet() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < 5_000; i++) {
            int length = random.nextInt(0, 200);
            StringBuilder text = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertAnswers(text.toString());
        }
    }

    @Test
    void answersForANullInput() {
        assertThat(CLASSIFIER.classify(null).tier()).isEqualTo(Tier.NONE);
        assertThat(CLASSIFIER.classify(new ClassificationInput(null, null)).tier()).isEqualTo(Tier.NONE);
    }

    private static void assertAnswers(String text) {
        assertThatCode(() -> {
            Classification result = CLASSIFIER.classify(Fixtures.aMessage(text));
            assertThat(result.category()).isNotNull();
            assertThat(result.tier()).isNotNull();
            assertThat(result.rulesVersion()).isNotBlank();
            assertThat(result.model()).isEqualTo(ModelStatus.DISABLED);
            assertThat(result.tier() == Tier.NONE).isEqualTo(result.category() == Category.NONE);
        }).as("text of %d chars", text.length()).doesNotThrowAnyException();
    }
}
