package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.tta.platform.tracing.RecordTracing;
import org.tta.router.config.SafetyRouting;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.BuiltInRoutes;
import org.tta.router.subscription.Route;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.support.RouterFixtures;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.schemas.events.EventTypes;

/**
 * A review escalation step is never dropped for want of a clinical review sink: it goes where pages go, and is
 * counted. With a review sink it goes there and nowhere else.
 */
class ReviewStepsWithoutReviewSinkTest {

    private static final RouterLoop.Topics TOPICS = new RouterLoop.Topics("tta.session.events.v1",
            "tta.safety.escalations.v1", "tta.deliveries.v1", "tta.session.events.dlq.v1",
            "tta.safety.escalations.dlq.v1");
    private static final String ON_CALL = "tta.oncall.v1";
    private static final String REVIEW = "tta.review.v1";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void sendsAReviewStepToTheOnCallSinkAndCountsItWhenNoReviewSinkIsConfigured() {
        RecordRouter router = routerWith(routing(""));

        RecordRouter.Routed routed = router.route(anEscalation("\"route\":\"review\""));

        assertThat(routed.outputs()).extracting(ProducerRecord::topic).containsExactly(ON_CALL);
        assertThat(meters.counter(DeliveryMetrics.REVIEW_TO_ON_CALL).count()).isEqualTo(1.0);
        assertThat(meters.find("tta.router.unmatched").counter()).isNull();
    }

    @Test
    void sendsAReviewStepToTheReviewSinkOnlyWhenOneIsConfigured() {
        RecordRouter router = routerWith(routing("kafka://" + REVIEW));

        RecordRouter.Routed routed = router.route(anEscalation("\"route\":\"review\""));

        assertThat(routed.outputs()).extracting(ProducerRecord::topic).containsExactly(REVIEW);
        assertThat(meters.find(DeliveryMetrics.REVIEW_TO_ON_CALL).counter()).isNull();
    }

    @Test
    void countsNoFallbackForAPageStepWithoutReviewSink() {
        RecordRouter router = routerWith(routing(""));

        RecordRouter.Routed routed = router.route(anEscalation("\"route\":\"page\""));

        assertThat(routed.outputs()).extracting(ProducerRecord::topic).contains(ON_CALL);
        assertThat(meters.find(DeliveryMetrics.REVIEW_TO_ON_CALL).counter()).isNull();
    }

    private RecordRouter routerWith(SafetyRouting safety) {
        List<Route> builtIn = new ArrayList<>();
        BuiltInRoutes.onCall(safety).ifPresent(builtIn::add);
        BuiltInRoutes.clinicalReview(safety).ifPresent(builtIn::add);
        SubscriptionTable table = new SubscriptionTable(builtIn);
        return new RecordRouter(TOPICS, table, new SupportiveNotices(safety, Clock.systemUTC()),
                new DeliveryMetrics(meters), Clock.systemUTC(), RecordTracing.noop());
    }

    private static SafetyRouting routing(String reviewSink) {
        return new SafetyRouting("kafka://" + ON_CALL, "", reviewSink, "", "You are not alone.",
                List.of("988 Suicide & Crisis Lifeline|988|US"));
    }

    private static ConsumerRecord<String, byte[]> anEscalation(String route) {
        CloudEvent event = RouterFixtures.anEvent(EventTypes.SAFETY_ESCALATION, "sess-1",
                "{\"escalationId\":\"esc-1\",\"sessionId\":\"sess-1\",\"step\":\"acknowledged\",\"tier\":\"high\","
                        + route + "}");
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(TOPICS.escalations(), headers, event);
        return new ConsumerRecord<>(TOPICS.escalations(), 0, 0L, ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, "sess-1", value, headers, Optional.empty());
    }
}
