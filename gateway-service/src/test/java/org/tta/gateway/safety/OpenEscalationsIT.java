package org.tta.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.tta.gateway.ratelimit.EscalationRegistry;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestProducer;
import org.tta.testkit.TtaIntegrationTest;

/** The gateway follows the escalations topic into the shared registry that rate limiting reads. */
@TtaIntegrationTest
@SpringBootTest(properties = "spring.config.name=gateway")
class OpenEscalationsIT {

    @Autowired
    TopicCatalog topics;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    SharedStateProperties keys;

    @Autowired
    EscalationRegistry registry;

    @Test
    void anOpenedEscalationPutsTheSessionInTheSharedRegistryAndResolvingTakesItOut() {
        String topic = topics.name(TopicId.SAFETY_ESCALATIONS);

        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-crisis-1", "opened", "open"), "esc-crisis-1");
        awaitMembership("esc-crisis-1", true);
        assertThat(registry.isOpen("esc-crisis-1").block(Duration.ofSeconds(5))).isTrue();

        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-crisis-1", "acknowledged", "acknowledged"), "esc-crisis-1");
        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-crisis-1", "resolved", "resolved"), "esc-crisis-1");
        awaitMembership("esc-crisis-1", false);
        assertThat(registry.isOpen("esc-crisis-1").block(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void aRecordThatIsNotACloudEventIsSkippedAndTheFeedMovesOn() throws Exception {
        String topic = topics.name(TopicId.SAFETY_ESCALATIONS);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            // no ce_* headers and no content type: the CloudEvents deserializer cannot read it
            producer.send(new ProducerRecord<>(topic, "esc-poison-1", "not a cloud event")).get();
        }
        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-poison-1", "opened", "open"), "esc-poison-1");

        awaitMembership("esc-poison-1", true);
    }

    @Test
    void eventsOfOtherTypesOrUnknownStatesChangeNothing() {
        String topic = topics.name(TopicId.SAFETY_ESCALATIONS);
        TestProducer.sendEvents(topic, "org.tta.safety.other.v1", escalation("esc-other-1", "opened", "open"), "esc-other-1");
        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-other-1", "pondered", "pondering"), "esc-other-1");
        // a later event of the same session, on the same partition, proves the two above were consumed
        TestProducer.sendEvents(topic, EventTypes.SAFETY_ESCALATION, escalation("esc-other-2", "opened", "open"), "esc-other-1");

        awaitMembership("esc-other-2", true);
        assertThat(members()).doesNotContain("esc-other-1");
    }

    private static String escalation(String sessionId, String step, String state) {
        return "{\"sessionId\":\"" + sessionId + "\",\"escalationId\":\"e-" + sessionId + "\",\"step\":\"" + step
                + "\",\"state\":\"" + state + "\",\"tier\":\"imminent\"}";
    }

    private void awaitMembership(String sessionId, boolean member) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            if (member) {
                assertThat(members()).contains(sessionId);
            } else {
                assertThat(members()).doesNotContain(sessionId);
            }
        });
    }

    private java.util.List<String> members() {
        return redis.opsForSet().members(keys.key("escalation", "open")).collectList().block(Duration.ofSeconds(5));
    }
}
