package org.tta.safety.trajectory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tta.safety.classify.Tier;

class TrajectoryRuleTest {

    private static final long MINUTE = 60_000;
    private final TrajectoryRule rule = new TrajectoryRule(Duration.ofMinutes(30), 3);

    record Case(String name, Tier tier, List<Long> before, long at, Tier expected, boolean raised) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("third moderate within the window is raised", Tier.MODERATE, List.of(0L, 10 * MINUTE), 20 * MINUTE, Tier.HIGH, true),
                new Case("second moderate is not", Tier.MODERATE, List.of(0L), 10 * MINUTE, Tier.MODERATE, false),
                new Case("old signals fall out of the window", Tier.MODERATE, List.of(0L, 5 * MINUTE), 40 * MINUTE, Tier.MODERATE, false),
                new Case("low is never raised", Tier.LOW, List.of(0L, 1L, 2L), 3L, Tier.LOW, false),
                new Case("high stays high", Tier.HIGH, List.of(0L, 1L, 2L), 3L, Tier.HIGH, false),
                new Case("safe stays safe", Tier.NONE, List.of(0L, 1L), 2L, Tier.NONE, false));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void raisesRepeatedModerateSignalsOneStep(Case c) {
        TrajectoryRule.Result result = rule.apply(c.tier(), c.before(), c.at());

        assertThat(result.tier()).isEqualTo(c.expected());
        assertThat(result.raised()).isEqualTo(c.raised());
        assertThat(result.moderate()).hasSizeLessThanOrEqualTo(3).allMatch(at -> at > c.at() - 30 * MINUTE);
    }
}
