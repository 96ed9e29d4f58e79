package org.tta.gateway.ingest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Service;
import org.tta.gateway.audit.AuditEvents;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.idempotency.ExpectedRecord;
import org.tta.gateway.idempotency.WriteLocator;
import org.tta.gateway.precheck.PrecheckVerdict;
import org.tta.gateway.publish.EventPublisher;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SessionMessage;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import reactor.core.publisher.Mono;

/**
 * Turns one accepted message into the three records of the accept path: the session event, the
 * safety scan request and the audit record, all keyed by the session id so that each topic keeps
 * the session's order.
 */
@Service
public class MessageIngestService {

    private final EventPublisher publisher;
    private final TopicCatalog topics;
    private final EventCodec codec = EventCodec.standard();
    private final URI source;

    public MessageIngestService(EventPublisher publisher, TopicCatalog topics, IngestProperties properties) {
        this.publisher = publisher;
        this.topics = topics;
        this.source = properties.source();
    }

    /** Publishes the message; completes with the 202 body only after Kafka acknowledged all three records. */
    Mono<Accepted> accept(String sessionId, Caller caller, MessageSubmission submission, PrecheckVerdict verdict,
                          String clientIp) {
        return Mono.defer(() -> {
            String eventId = EventIds.newId();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<ProducerRecord<String, CloudEvent>> records = List.of(
                    record(TopicId.SESSION_EVENTS, sessionId, eventId, EventTypes.SESSION_MESSAGE, now,
                            new SessionMessage(sessionId, caller.subject(), caller.role(), submission.text())),
                    scanRecord(sessionId, eventId, now, caller, submission, verdict),
                    TtaCloudEvents.toRecord(topics.name(TopicId.AUDIT_RECORDS), sessionId, AuditEvents.of(source,
                            new AuditRecord(AuditActions.MESSAGE_POSTED, "accepted", caller.subject(), caller.role(),
                                    sessionId, "session-event", eventId, AuditEvents.SERVICE_NAME, now.toInstant(),
                                    clientIp, null, submission.text()), now)));
            return publisher.publishAll(records)
                    .map(published -> new Accepted(eventId, StreamPosition.of(published.get(0))));
        });
    }

    /**
     * Where {@link #accept} writes for this session, for an Idempotency-Key retry that must find an earlier attempt:
     * the session event (record 0) carries the answer's id and position.
     */
    WriteLocator<Accepted> locator(String sessionId) {
        return WriteLocator.of(List.of(new ExpectedRecord(topics.name(TopicId.SESSION_EVENTS), sessionId, 0)),
                found -> new Accepted(found.get(0).eventId(), StreamPosition.of(found.get(0).published())));
    }

    /** The scan request; a crisis verdict makes it immediate, in the payload and in a header a worker can filter on. */
    private ProducerRecord<String, CloudEvent> scanRecord(String sessionId, String eventId, OffsetDateTime time,
                                                          Caller caller, MessageSubmission submission,
                                                          PrecheckVerdict verdict) {
        String priority = verdict.crisis() ? SafetyScanRequest.IMMEDIATE : SafetyScanRequest.NORMAL;
        SafetyScanRequest scan = new SafetyScanRequest(sessionId, eventId, caller.subject(), caller.role(),
                submission.text(), priority, verdict.ruleId());
        CloudEvent event = CloudEventBuilder.v1(TtaCloudEvents.create(EventIds.newId(), EventTypes.SAFETY_SCAN, source,
                        sessionId, time, codec.encode(scan)))
                .withExtension(SafetyScanRequest.PRIORITY_EXTENSION, priority)
                .build();
        return TtaCloudEvents.toRecord(topics.name(TopicId.SAFETY_SCANS), sessionId, event);
    }

    private ProducerRecord<String, CloudEvent> record(TopicId topic, String sessionId, String id, String type,
                                                      OffsetDateTime time, Object payload) {
        CloudEvent event = TtaCloudEvents.create(id, type, source, sessionId, time, codec.encode(payload));
        return TtaCloudEvents.toRecord(topics.name(topic), sessionId, event);
    }

}
