package org.tta.router.deadletter;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Audit records of the dead-letter API on {@code tta.audit.records.v1}: one per listing (keyed by
 * the operator, session id {@value #NO_SESSION}) and one per redriven letter (keyed by its session).
 */
public final class DeadLetterAudit {

    /** The session id of audit records about no particular session (the schema requires one). */
    static final String NO_SESSION = "ops.dead-letters";
    private static final URI SOURCE = URI.create("urn:tta:event-router");

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;

    public DeadLetterAudit(String topic, KafkaProducer<String, byte[]> producer, Clock clock) {
        this.topic = topic;
        this.producer = producer;
        this.clock = clock;
    }

    Mono<Void> record(JwtAuthenticationToken auth, String action, String subscription, String session) {
        String sessionId = session == null ? NO_SESSION : session;
        AuditRecord record = new AuditRecord(action, AuditOutcomes.SUCCESS, auth.getName(), "ops", sessionId,
                "deadletter", subscription == null ? "all" : subscription, "event-router", clock.instant(), null, null, null);
        return send(session == null ? auth.getName() : session, record);
    }

    Mono<Void> redriven(JwtAuthenticationToken auth, String subscription, List<ConsumerRecord<String, byte[]>> letters) {
        Mono<Void> all = Mono.empty();
        for (ConsumerRecord<String, byte[]> letter : letters) {
            String session = letter.key() == null ? null : letter.key();
            all = all.then(record(auth, AuditActions.DEAD_LETTER_REDRIVEN, subscription, session));
        }
        return letters.isEmpty() ? record(auth, AuditActions.DEAD_LETTER_REDRIVEN, subscription, null) : all;
    }

    private Mono<Void> send(String key, AuditRecord record) {
        CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.AUDIT_RECORD, SOURCE, record.sessionId(),
                OffsetDateTime.now(ZoneOffset.UTC), EventCodec.standard().encode(record));
        return Mono.fromCallable(() -> {
            try (CloudEventSerializer serializer = new CloudEventSerializer()) {
                serializer.configure(java.util.Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
                RecordHeaders headers = new RecordHeaders();
                byte[] value = serializer.serialize(topic, headers, event);
                return producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
