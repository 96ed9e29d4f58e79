package org.tta.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.testkit.LogCapture;

/** Operators are warned at start-up when review escalations have no clinical review queue to go to. */
class ReviewSinkWarningTest {

    @RegisterExtension
    final LogCapture logs = LogCapture.of(RouterConfig.class);

    @Test
    void warnsNamingTheSettingAndThatReviewsGoToOnCallMeanwhile() {
        new RouterConfig().subscriptionTable(TopicCatalog.standard(), router(), routing("kafka://tta.oncall.v1", ""));

        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst().getFormattedMessage()).contains("No clinical review sink configured")
                .contains("tta.router.safety.review-sink").contains("on-call sink instead")
                .contains(DeliveryMetrics.REVIEW_TO_ON_CALL);
    }

    @Test
    void warnsThatReviewsReachNoClinicianWhenNoOnCallSinkIsConfiguredEither() {
        new RouterConfig().subscriptionTable(TopicCatalog.standard(), router(), routing("", ""));

        assertThat(warnings()).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("tta.router.safety.review-sink").contains("reach no clinician"));
    }

    @Test
    void saysNothingWhenBothSinksAreConfigured() {
        new RouterConfig().subscriptionTable(TopicCatalog.standard(), router(),
                routing("kafka://tta.oncall.v1", "kafka://tta.review.v1"));

        assertThat(warnings()).isEmpty();
    }

    private List<ILoggingEvent> warnings() {
        return logs.atLeast(Level.WARN);
    }

    /** The defaults, as Spring binds them with nothing configured (so a new setting needs no change here). */
    private static RouterProperties router() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("tta.router", RouterProperties.class);
    }

    private static SafetyRouting routing(String onCallSink, String reviewSink) {
        return new SafetyRouting(onCallSink, "", reviewSink, "", "You are not alone.",
                List.of("988 Suicide & Crisis Lifeline|988|US"));
    }
}
