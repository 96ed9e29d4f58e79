package org.tta.safety.support;

import java.util.List;
import java.util.Locale;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.ClassificationInput;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.ModelStatus;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;

/**
 * A stand-in classifier for the worker's tests until the real rule engine is merged: a few phrases per tier. The
 * tests only use messages that any sensible classifier puts clearly in the same tier (see {@link Messages}), so
 * they hold with the real one once this class is deleted.
 */
public final class PhraseClassifier implements Classifier {

    private static final List<String> IMMINENT = List.of("pills in my hand", "taking them all tonight");
    private static final List<String> HIGH = List.of("plan to kill myself");
    private static final List<String> MODERATE = List.of("thinking about killing myself");

    @Override
    public Classification classify(ClassificationInput input) {
        String text = input.text() == null ? "" : input.text().toLowerCase(Locale.ROOT);
        Tier tier = matches(text, IMMINENT) ? Tier.IMMINENT
                : matches(text, HIGH) ? Tier.HIGH
                : matches(text, MODERATE) ? Tier.MODERATE : Tier.NONE;
        if (tier == Tier.NONE) {
            return new Classification(Category.NONE, Tier.NONE, List.of(), "test.1", ModelStatus.DISABLED);
        }
        return new Classification(Category.SUICIDAL_IDEATION, tier,
                List.of(new Signal("test.phrase." + tier.wireName(), Category.SUICIDAL_IDEATION, tier, 1.0)), "test.1",
                ModelStatus.DISABLED);
    }

    private static boolean matches(String text, List<String> phrases) {
        return phrases.stream().anyMatch(text::contains);
    }
}
