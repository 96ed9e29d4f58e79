package org.tta.safety.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Tier;
import org.tta.safety.config.SafetyProperties;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.payload.SafetyEscalation;

class EscalationPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final EscalationPolicy policy = new EscalationPolicy(new SafetyProperties.Escalation(Duration.ofHours(24),
            new SafetyProperties.AckDeadline(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(15)), Duration.ofMinutes(5), 2,
            Duration.ofSeconds(5), Duration.ofDays(7)));

    @Test
    void opensWithTheTiersDeadlineAndUpdatesWithinTheEpisode() {
        EscalationStep opened = policy.onCrisis(List.of(), Tier.HIGH, "suicidal_ideation", Route.PAGE, "scan-1", T0);
        EscalationStep updated = policy.onCrisis(List.of(opened.after()), Tier.IMMINENT, "suicidal_ideation", Route.PAGE, "scan-2",
                T0.plusSeconds(60));

        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.after().deadline()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(updated.step()).isEqualTo(SafetyEscalation.STEP_UPDATED);
        assertThat(updated.after().escalationId()).isEqualTo(opened.after().escalationId());
        assertThat(updated.after().tier()).isEqualTo(Tier.IMMINENT);
        assertThat(updated.after().deadline()).isEqualTo(T0.plusSeconds(60).plus(Duration.ofMinutes(2)));
    }

    @Test
    void opensANewEscalationAfterTheEpisodeWindow() {
        EscalationStep opened = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.PAGE, "scan-1", T0);
        EscalationStep later = policy.onCrisis(List.of(opened.after()), Tier.HIGH, "self_harm", Route.PAGE, "scan-2",
                T0.plus(Duration.ofHours(25)));

        assertThat(later.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(later.after().escalationId()).isNotEqualTo(opened.after().escalationId());
    }

    @Test
    void reEscalatesOnlyOpenEscalationsPastTheirDeadlineUpToTheMaxLevel() {
        EscalationState open = policy.onCrisis(List.of(), Tier.IMMINENT, "self_harm", Route.PAGE, "scan-1", T0).after();

        assertThat(policy.onTick(open, T0.plusSeconds(119))).isEmpty();
        EscalationState first = policy.onTick(open, T0.plusSeconds(120)).orElseThrow().after();
        EscalationState second = policy.onTick(first, first.deadline()).orElseThrow().after();
        EscalationState third = policy.onTick(second, second.deadline()).orElseThrow().after();

        assertThat(List.of(first.onCallLevel(), second.onCallLevel(), third.onCallLevel())).containsExactly(1, 2, 2);
        assertThat(first.deadline()).isEqualTo(T0.plusSeconds(120).plus(Duration.ofMinutes(5)));
        EscalationState acknowledged = policy.onCommand(open, command(EscalationCommand.ACKNOWLEDGE), T0).orElseThrow().after();
        assertThat(policy.onTick(acknowledged, T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void acknowledgesOnlyOpenEscalationsAndResolvesWithTheNote() {
        EscalationState open = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.PAGE, "scan-1", T0).after();
        EscalationState acknowledged = policy.onCommand(open, command(EscalationCommand.ACKNOWLEDGE), T0).orElseThrow().after();
        EscalationStep resolved = policy.onCommand(acknowledged, command(EscalationCommand.RESOLVE), T0).orElseThrow();

        assertThat(acknowledged.state()).isEqualTo(SafetyEscalation.STATE_ACKNOWLEDGED);
        assertThat(acknowledged.deadline()).isNull();
        assertThat(policy.onCommand(acknowledged, command(EscalationCommand.ACKNOWLEDGE), T0)).isEmpty();
        assertThat(resolved.after().state()).isEqualTo(SafetyEscalation.STATE_RESOLVED);
        assertThat(resolved.note()).isEqualTo("note");
        assertThat(resolved.actorId()).isEqualTo("theo");
    }

    @Test
    void opensASignalOnlyRaiseOnTheReviewRouteWithTheReviewDeadline() {
        EscalationStep opened = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.REVIEW, "scan-1", T0);

        assertThat(opened.step()).isEqualTo(SafetyEscalation.STEP_OPENED);
        assertThat(opened.after().route()).isEqualTo(Route.REVIEW);
        assertThat(opened.after().onCallLevel()).isZero();
        assertThat(opened.after().deadline()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(opened.paged()).isFalse();
    }

    @Test
    void aReviewPastItsDeadlineBecomesAPageAtLevelZeroWithTheHighDeadline() {
        EscalationState review = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.REVIEW, "scan-1", T0).after();

        assertThat(policy.onTick(review, T0.plus(Duration.ofMinutes(15)).minusSeconds(1))).isEmpty();
        Instant due = T0.plus(Duration.ofMinutes(15));
        EscalationStep paged = policy.onTick(review, due).orElseThrow();

        assertThat(paged.step()).isEqualTo(SafetyEscalation.STEP_RE_ESCALATED);
        assertThat(paged.paged()).isTrue();
        assertThat(paged.previousRoute()).isEqualTo(Route.REVIEW);
        assertThat(paged.after().route()).isEqualTo(Route.PAGE);
        assertThat(paged.after().onCallLevel()).isZero();
        assertThat(paged.after().state()).isEqualTo(SafetyEscalation.STATE_OPEN);
        assertThat(paged.after().deadline()).isEqualTo(due.plus(Duration.ofMinutes(10)));
        // From then on it is a page like any other: the next deadline re-escalates to level 1.
        EscalationStep next = policy.onTick(paged.after(), paged.after().deadline()).orElseThrow();
        assertThat(next.after().onCallLevel()).isEqualTo(1);
        assertThat(next.paged()).isFalse();
    }

    @Test
    void aRulesEscalationInTheEpisodeUpgradesTheOpenReviewToAPageInsteadOfOpeningAnother() {
        EscalationState review = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.REVIEW, "scan-1", T0).after();
        Instant later = T0.plus(Duration.ofMinutes(1));

        EscalationStep upgraded = policy.onCrisis(List.of(review), Tier.IMMINENT, "suicidal_ideation", Route.PAGE,
                "scan-2", later);

        assertThat(upgraded.step()).isEqualTo(SafetyEscalation.STEP_UPDATED);
        assertThat(upgraded.after().escalationId()).isEqualTo(review.escalationId());
        assertThat(upgraded.paged()).isTrue();
        assertThat(upgraded.after().route()).isEqualTo(Route.PAGE);
        assertThat(upgraded.after().tier()).isEqualTo(Tier.IMMINENT);
        assertThat(upgraded.after().category()).isEqualTo("suicidal_ideation");
        assertThat(upgraded.after().onCallLevel()).isZero();
        assertThat(upgraded.after().deadline()).isEqualTo(later.plus(Duration.ofMinutes(2)));
    }

    @Test
    void aRulesEscalationPagesAReviewEvenWhenAReviewerHadAcknowledgedIt() {
        EscalationState review = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.REVIEW, "scan-1", T0).after();
        EscalationState acknowledged = policy.onCommand(review, command(EscalationCommand.ACKNOWLEDGE), T0).orElseThrow()
                .after();

        EscalationStep upgraded = policy.onCrisis(List.of(acknowledged), Tier.HIGH, "self_harm", Route.PAGE, "scan-2",
                T0.plusSeconds(30));

        assertThat(upgraded.after().route()).isEqualTo(Route.PAGE);
        assertThat(upgraded.after().state()).isEqualTo(SafetyEscalation.STATE_OPEN);
        assertThat(upgraded.after().deadline()).isEqualTo(T0.plusSeconds(30).plus(Duration.ofMinutes(10)));
    }

    @Test
    void aSignalRaiseNeverDowngradesAPage() {
        EscalationState page = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.PAGE, "scan-1", T0).after();

        EscalationStep again = policy.onCrisis(List.of(page), Tier.HIGH, "suicidal_ideation", Route.REVIEW, "scan-2",
                T0.plusSeconds(60));

        assertThat(again.step()).isEqualTo(SafetyEscalation.STEP_UPDATED);
        assertThat(again.after().escalationId()).isEqualTo(page.escalationId());
        assertThat(again.after().route()).isEqualTo(Route.PAGE);
        assertThat(again.after().deadline()).isEqualTo(page.deadline());
        assertThat(again.paged()).isFalse();
    }

    @Test
    void acknowledgingAReviewStopsItsConversionToAPage() {
        EscalationState review = policy.onCrisis(List.of(), Tier.HIGH, "self_harm", Route.REVIEW, "scan-1", T0).after();
        EscalationState acknowledged = policy.onCommand(review, command(EscalationCommand.ACKNOWLEDGE), T0).orElseThrow()
                .after();

        assertThat(acknowledged.route()).isEqualTo(Route.REVIEW);
        assertThat(policy.onTick(acknowledged, T0.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aStateStoredBeforeRoutesIsAPage() {
        EscalationState old = new EscalationState("e1", Tier.HIGH, "self_harm", SafetyEscalation.STATE_OPEN, 0, T0,
                "scan-1", T0, null);

        assertThat(old.route()).isEqualTo(Route.PAGE);
        assertThat(policy.onTick(old, T0).orElseThrow().after().onCallLevel()).isEqualTo(1);
    }

    private static EscalationCommand command(String action) {
        return new EscalationCommand("c1", "e1", "s1", action, "theo", "therapist",
                EscalationCommand.RESOLVE.equals(action) ? "note" : null, T0);
    }
}
