package org.tta.router.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tta.router.dispatch.LoopGauges;
import org.tta.router.dispatch.RouterLoop;
import org.tta.router.safety.SupportiveNotices;
import org.tta.router.subscription.BuiltInRoutes;
import org.tta.router.subscription.SubscriptionFeed;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.webhook.DeliveryMetrics;
import org.tta.router.webhook.WebhookDispatcher;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.platform.tracing.RecordTracing;
import org.tta.schemas.topics.TopicId;

/** Wiring of the routing loop, the subscriptions table and webhook delivery. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RouterProperties.class, DeliveryDefaults.class, SafetyRouting.class})
class RouterConfig {

    private static final Logger log = LoggerFactory.getLogger(RouterConfig.class);

    @Bean
    Clock routerClock() {
        return Clock.systemUTC();
    }

    @Bean
    SubscriptionTable subscriptionTable(TopicCatalog topics, RouterProperties router, SafetyRouting safety) {
        List<org.tta.router.subscription.Route> builtIn = new ArrayList<>();
        builtIn.add(BuiltInRoutes.sessionParticipants(topics.name(TopicId.DELIVERIES), router.participantTypes()));
        BuiltInRoutes.onCall(safety).ifPresentOrElse(builtIn::add,
                () -> log.warn("No on-call sink configured (tta.router.safety.on-call-sink): escalations reach no clinician"));
        BuiltInRoutes.clinicalReview(safety).ifPresentOrElse(builtIn::add, () -> warnNoReviewSink(safety));
        return new SubscriptionTable(builtIn);
    }

    private static void warnNoReviewSink(SafetyRouting safety) {
        String meanwhile = safety.onCallSink().isBlank()
                ? "and as no on-call sink is configured either, they reach no clinician"
                : "they go to the on-call sink instead (counter " + DeliveryMetrics.REVIEW_TO_ON_CALL + ")";
        log.atWarn()
                .addKeyValue("event.action", "review-sink-missing")
                .addKeyValue("setting", "tta.router.safety.review-sink")
                .log("No clinical review sink configured: review escalations (raises of the statistical signal alone) "
                        + "have no clinical review queue to go to; {}. Set tta.router.safety.review-sink "
                        + "(kafka://<topic> or a webhook URL, with tta.router.safety.review-secret) to deliver them "
                        + "to the clinical reviewers", meanwhile);
    }

    @Bean
    SubscriptionFeed subscriptionFeed(TopicCatalog topics, KafkaProperties kafka, SubscriptionTable table,
            MeterRegistry meters) {
        return new SubscriptionFeed(topics.name(TopicId.SUBSCRIPTIONS), kafka.buildConsumerProperties(), table, meters);
    }

    @Bean
    CircuitBreakerRegistry subscriberBreakers(DeliveryDefaults defaults, MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(defaults.breakerFailureRate())
                .minimumNumberOfCalls(defaults.breakerMinimumCalls())
                .slidingWindowSize(Math.max(defaults.breakerMinimumCalls(), 20))
                .waitDurationInOpenState(defaults.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    DeliveryMetrics deliveryMetrics(MeterRegistry meters) {
        return new DeliveryMetrics(meters);
    }

    @Bean(destroyMethod = "close")
    WebhookDispatcher webhookDispatcher(RouterProperties router, DeliveryDefaults defaults,
            CircuitBreakerRegistry breakers, DeliveryMetrics metrics, Clock clock, SubscriptionTable table) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(router, defaults, breakers, metrics, clock);
        table.onRemoval(dispatcher::forget);
        return dispatcher;
    }

    @Bean
    SupportiveNotices supportiveNotices(SafetyRouting safety, Clock clock) {
        return new SupportiveNotices(safety, clock);
    }

    @Bean
    LoopGauges loopGauges(MeterRegistry meters) {
        return new LoopGauges(meters);
    }

    @Bean
    RouterLoop routerLoop(TopicCatalog topics, KafkaProperties kafka, RouterProperties router, SubscriptionTable table,
            SubscriptionFeed feed, WebhookDispatcher webhooks, SupportiveNotices notices, DeliveryMetrics metrics,
            LoopGauges gauges, Clock clock, RecordTracing tracing) {
        RouterLoop.Topics names = new RouterLoop.Topics(topics.name(TopicId.SESSION_EVENTS),
                topics.name(TopicId.SAFETY_ESCALATIONS), topics.name(TopicId.DELIVERIES),
                topics.name(TopicId.SESSION_EVENTS_DLQ), topics.name(TopicId.SAFETY_ESCALATIONS_DLQ));
        return new RouterLoop(names, RouterLoop.consumerConfig(kafka.buildConsumerProperties(), router),
                producerConfig(kafka.buildProducerProperties(), router), table, feed, webhooks, notices, metrics,
                gauges, clock, router, tracing);
    }

    /**
     * The loop's transactional producer over Spring's settings. {@code linger.ms} 0 unless set: the loop sends a
     * transaction's outputs and then blocks in {@code sendOffsetsToTransaction}; with Kafka 4's default linger (5 ms)
     * the produce request waits for that, or for the commit's flush, instead of going out beside the offset commit.
     */
    static Map<String, Object> producerConfig(Map<String, Object> base, RouterProperties router) {
        Map<String, Object> config = new HashMap<>(base);
        String transactionalId = router.transactionalId().isBlank()
                ? router.groupId() + "-" + UUID.randomUUID() : router.transactionalId();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }
}
