package org.tta.safety.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Signal;
import org.tta.safety.classify.Tier;

class RouteTest {

    record Case(String name, List<Signal> signals, boolean immediate, Route expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Signal stat = new Signal("stat:linear-68cfef954848", Category.SELF_HARM, Tier.HIGH, 0.83);
        Signal rule = new Signal("en.self-harm.cutting", Category.SELF_HARM, Tier.HIGH, 0.9);
        Signal moderateRule = new Signal("en.ideation.passive", Category.SUICIDAL_IDEATION, Tier.MODERATE, 0.6);
        Signal model = new Signal("model:moderation", Category.SELF_HARM, Tier.HIGH, 0.7);
        return Stream.of(
                new Case("the statistical signal alone", List.of(stat), false, Route.REVIEW),
                new Case("the signal over a moderate rule", List.of(stat, moderateRule), false, Route.REVIEW),
                new Case("a rule", List.of(rule), false, Route.PAGE),
                new Case("the external model", List.of(model), false, Route.PAGE),
                new Case("the signal on a scan the pre-check marked immediate", List.of(stat), true, Route.PAGE),
                new Case("no escalating signal (trajectory, pre-check)", List.of(moderateRule), false, Route.PAGE));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void routesOnlyARaiseOfTheStatisticalSignalAloneToReview(Case c) {
        assertThat(Route.of(c.signals(), c.immediate())).isEqualTo(c.expected());
    }
}
