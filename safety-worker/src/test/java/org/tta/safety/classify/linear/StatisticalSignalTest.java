package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.Fixtures;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;
import org.tta.safety.support.Messages;

/** The combination policy of the statistical signal with the rules, alone and with the shipped weights. */
class StatisticalSignalTest {

    private static final String ID = "stat:linear-test";

    private static LinearModel.Prediction predicted(double escalation, Category category) {
        return new LinearModel.Prediction(escalation, category, 0.9);
    }

    @Test
    void raisesToHighWithTheModelsCategoryWhenNoRuleMatchedAndTheProbabilityReachesTheThreshold() {
        assertThat(StatisticalSignal.decide(predicted(0.8, Category.SUBSTANCE_OVERDOSE), null, 0.8, ID))
                .contains(new Signal(ID, Category.SUBSTANCE_OVERDOSE, Tier.HIGH, 0.8));
        assertThat(StatisticalSignal.decide(predicted(0.79, Category.SUBSTANCE_OVERDOSE), null, 0.8, ID)).isEmpty();
    }

    @Test
    void keepsTheRulesCrisisCategoryAndTurnsAReportedConcernIntoAnEmergency() {
        Signal selfHarm = new Signal("sh.cut", Category.SELF_HARM, Tier.MODERATE, 0.7);
        Signal concern = new Signal("tp.says", Category.THIRD_PARTY_CONCERN, Tier.MODERATE, 0.7);
        Signal policy = new Signal("op.spam", Category.OTHER_POLICY, Tier.LOW, 0.5);

        assertThat(StatisticalSignal.decide(predicted(0.9, Category.SUICIDAL_IDEATION), selfHarm, 0.8, ID))
                .get().extracting(Signal::category).isEqualTo(Category.SELF_HARM);
        assertThat(StatisticalSignal.decide(predicted(0.9, Category.SUICIDAL_IDEATION), concern, 0.8, ID))
                .get().extracting(Signal::category).isEqualTo(Category.THIRD_PARTY_EMERGENCY);
        assertThat(StatisticalSignal.decide(predicted(0.9, Category.SUICIDAL_IDEATION), policy, 0.8, ID))
                .get().extracting(Signal::category).isEqualTo(Category.SUICIDAL_IDEATION);
    }

    @Test
    void neverTouchesAVerdictTheRulesAlreadyEscalated() {
        Signal imminent = new Signal("si.tonight", Category.SUICIDAL_IDEATION, Tier.IMMINENT, 1.0);

        assertThat(StatisticalSignal.decide(predicted(0.99, Category.HARM_TO_OTHERS), imminent, 0.5, ID)).isEmpty();
    }

    @Test
    void withTheShippedWeightsTheSignalDecidesAnUnseenWordingAndSaysSoInTheVerdict() {
        String unseen = "parked on the top level of the garage on 5th, i looked over the edge and it's high enough"; // in no evaluation file; rules alone say none
        assertThat(Fixtures.rulesOnlyClassifier().classify(Fixtures.aMessage(unseen)).tier()).isEqualTo(Tier.NONE);

        Classification combined = Fixtures.rulesAndStatisticalClassifier().classify(Fixtures.aMessage(unseen));

        assertThat(combined.tier()).isEqualTo(Tier.HIGH);
        assertThat(combined.signals().getFirst().ruleId()).isEqualTo("stat:" + Fixtures.shippedWeights().header().version());
    }

    @Test
    void withTheShippedWeightsTheWorkersTestMessagesKeepTheirTiers() {
        // Ordinary chat is another matter: see eval/everyday.jsonl in the evaluation report (why the signal is off).
        for (String text : List.of(Messages.SAFE, Messages.MODERATE, Messages.HIGH, Messages.IMMINENT,
                Messages.THIRD_PARTY_EMERGENCY)) {
            Classification rules = Fixtures.rulesOnlyClassifier().classify(Fixtures.aMessage(text));
            Classification combined = Fixtures.rulesAndStatisticalClassifier().classify(Fixtures.aMessage(text));
            assertThat(combined.tier()).as(text).isEqualTo(rules.tier());
            assertThat(combined.category()).as(text).isEqualTo(rules.category());
        }
    }
}
