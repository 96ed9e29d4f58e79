package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;

class LinearTrainerThresholdTest {

    private final List<LinearTrainer.Example> examples = new ArrayList<>();
    private final List<LinearModel.Prediction> oof = new ArrayList<>();

    @Test
    void theThresholdKeepsOrdinaryChatWithinItsBudgetEvenWhenThePrecisionTargetIsMetBelowIt() {
        add(100, Tier.HIGH, false, 0.95);
        add(2, Tier.NONE, true, 0.605); // 2 of 200 ordinary messages (1 %) score 0.6055
        add(198, Tier.NONE, true, 0.105);

        float threshold = LinearTrainer.chooseThreshold(examples, predictions());

        // precision with the rules is 100 / 102 = 0.98 from 0.11 up, but 1 % of ordinary chat is over the budget
        assertThat(LinearTrainer.combinedPrecision(examples, predictions(), 0.11f))
                .isGreaterThanOrEqualTo(LinearTrainer.PRECISION_TARGET);
        assertThat(threshold).isEqualTo(0.61f);
        assertThat(LinearTrainer.ordinaryRaised(examples, predictions(), threshold)).isZero();
    }

    @Test
    void theBudgetCountsOnlyOrdinaryChatNotOtherSafeMessages() {
        add(100, Tier.HIGH, false, 0.95);
        add(5, Tier.NONE, false, 0.605); // safe but alarming, not tagged everyday: the precision target governs them
        add(400, Tier.NONE, true, 0.105);

        assertThat(LinearTrainer.ordinaryRaised(examples, predictions(), 0.5f)).isZero();
        assertThat(LinearTrainer.chooseThreshold(examples, predictions())).isEqualTo(0.11f);
    }

    @Test
    void theBudgetIsAShareOfTheOrdinaryChat() {
        add(1, Tier.NONE, true, 0.70);
        add(199, Tier.NONE, true, 0.105);

        assertThat(LinearTrainer.ordinaryRaised(examples, predictions(), 0.5f)).isEqualTo(1.0 / 200);
    }

    private void add(int count, Tier tier, boolean ordinary, double escalation) {
        Category category = tier.escalates() ? Category.SUICIDAL_IDEATION : Category.NONE;
        for (int i = 0; i < count; i++) {
            examples.add(new LinearTrainer.Example("m" + examples.size(), category, tier, "batch1", ordinary));
            oof.add(new LinearModel.Prediction(escalation, Category.SUICIDAL_IDEATION, 1.0));
        }
    }

    private LinearModel.Prediction[] predictions() {
        return oof.toArray(LinearModel.Prediction[]::new);
    }
}
