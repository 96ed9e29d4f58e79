package org.tta.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.schemas.topics.TopicCatalog;

/** Operators are warned at start-up when review escalations have no clinical review queue to go to. */
class ReviewSinkWarningTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RouterConfig.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

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
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    private static RouterProperties router() {
        return new RouterProperties("event-router", "", 500, Duration.ofMillis(200), Duration.ofMillis(10),
                Duration.ZERO, 500, 2000, 500, List.of("org.tta.session.message.v1"),
                RouterProperties.InsecureHttp.NONE, Duration.ofSeconds(60));
    }

    private static SafetyRouting routing(String onCallSink, String reviewSink) {
        return new SafetyRouting(onCallSink, "", reviewSink, "", "You are not alone.",
                List.of("988 Suicide & Crisis Lifeline|988|US"));
    }
}
