package org.tta.gateway.session;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.tta.gateway.audit.AuditEvents;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.EventPublisher;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;

/**
 * Writes the audit records of the sessions feature to the audit topic, keyed by the session id so
 * that they sit in order with the session's other records. A change's record lists the new
 * participants in {@code content} ("role:subject" separated by spaces; a subject has no space): who
 * may see a therapy session is itself sensitive, so it goes where PHI goes and is never logged.
 */
@Component
class SessionAudit {

    static final String RESOURCE_TYPE = "session";

    private static final Logger log = LoggerFactory.getLogger(SessionAudit.class);

    private final EventPublisher publisher;
    private final TopicCatalog topics;
    private final URI source;
    private final MeterRegistry meters;

    SessionAudit(EventPublisher publisher, TopicCatalog topics, IngestProperties ingest, MeterRegistry meters) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = ingest.source();
        this.meters = meters;
    }

    /** Records a creation; fails with the publisher's error when Kafka did not acknowledge. */
    Mono<Void> created(Session session, Caller caller, String clientIp) {
        return publish(record(AuditActions.SESSION_CREATED, AuditOutcomes.SUCCESS, session.id(), caller, clientIp,
                participants(session.participants())));
    }

    /** Records a participant change; fails with the publisher's error when Kafka did not acknowledge. */
    Mono<Void> participantsChanged(Session session, Caller caller, String clientIp) {
        return publish(record(AuditActions.SESSION_PARTICIPANTS_CHANGED, AuditOutcomes.SUCCESS, session.id(), caller,
                clientIp, participants(session.participants())));
    }

    /**
     * Records a refused access, without content. Never fails: the caller is refused either way, and a
     * failed record is logged (no content) and counted instead.
     */
    Mono<Void> denied(String sessionId, Caller caller, String clientIp) {
        return publish(record(AuditActions.ACCESS_DENIED, AuditOutcomes.DENIED, sessionId, caller, clientIp, null))
                .onErrorResume(error -> {
                    meters.counter("tta.gateway.session.audit.failures", "action", AuditActions.ACCESS_DENIED).increment();
                    return TracedLog.line(() -> log.warn("Could not audit a denied session access: session={} actor={} cause={}",
                            sessionId, caller.subject(), error.getClass().getName()));
                });
    }

    private AuditRecord record(String action, String outcome, String sessionId, Caller caller, String clientIp,
                               String content) {
        return new AuditRecord(action, outcome, caller.subject(), caller.role(), sessionId, RESOURCE_TYPE, sessionId,
                AuditEvents.SERVICE_NAME, Instant.now(), clientIp, null, content);
    }

    private Mono<Void> publish(AuditRecord audit) {
        return Mono.defer(() -> {
            CloudEvent event = AuditEvents.of(source, audit, audit.occurredAt().atOffset(ZoneOffset.UTC));
            ProducerRecord<String, CloudEvent> record =
                    TtaCloudEvents.toRecord(topics.name(TopicId.AUDIT_RECORDS), audit.sessionId(), event);
            return publisher.publishAll(List.of(record)).then();
        });
    }

    static String participants(List<Participant> participants) {
        return participants.stream().map(p -> p.role() + ":" + p.subject()).collect(Collectors.joining(" "));
    }
}
