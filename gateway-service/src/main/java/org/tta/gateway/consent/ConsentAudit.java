package org.tta.gateway.consent;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;
import org.tta.gateway.audit.AuditEvents;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.publish.EventPublisher;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.ConsentChange;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import reactor.core.publisher.Mono;

/**
 * Writes {@code consent.granted} / {@code consent.revoked} to the audit topic, keyed by the session id so that the
 * change sits in order with the session's other records (and in its hash chain). The audit trail is the only place
 * consent is kept. The record holds no content.
 */
@Component
class ConsentAudit {

    static final String RESOURCE_TYPE = "session.consent";

    private final EventPublisher publisher;
    private final TopicCatalog topics;
    private final URI source;

    ConsentAudit(EventPublisher publisher, TopicCatalog topics, IngestProperties ingest) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = ingest.source();
    }

    /** Publishes the change; completes with the record's event id once Kafka acknowledged it, else fails. */
    Mono<String> changed(String sessionId, Caller caller, String consent, Instant at, String clientIp) {
        return Mono.defer(() -> {
            AuditRecord audit = new AuditRecord(action(consent), AuditOutcomes.SUCCESS, caller.subject(), caller.role(),
                    sessionId, RESOURCE_TYPE, sessionId, AuditEvents.SERVICE_NAME, at, clientIp, null, null);
            CloudEvent event = AuditEvents.of(source, audit, at.atOffset(ZoneOffset.UTC));
            ProducerRecord<String, CloudEvent> record =
                    TtaCloudEvents.toRecord(topics.name(TopicId.AUDIT_RECORDS), sessionId, event);
            return publisher.publishAll(List.of(record)).thenReturn(event.getId());
        });
    }

    static String action(String consent) {
        return ConsentChange.GRANTED.equals(consent) ? AuditActions.CONSENT_GRANTED : AuditActions.CONSENT_REVOKED;
    }
}
