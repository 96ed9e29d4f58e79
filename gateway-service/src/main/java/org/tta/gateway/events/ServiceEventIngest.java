package org.tta.gateway.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Service;
import org.tta.gateway.audit.AuditEvents;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.idempotency.ExpectedRecord;
import org.tta.gateway.idempotency.FoundRecord;
import org.tta.gateway.idempotency.WriteLocator;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.gateway.ingest.StreamPosition;
import org.tta.gateway.publish.EventPublisher;
import org.tta.gateway.publish.Published;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import reactor.core.publisher.Mono;

/**
 * Publishes services' events to the session events topic, keyed by session, each with an audit
 * record. The gateway, not the client, vouches for {@code id} (a new UUIDv7), {@code source} (the
 * authenticated client), {@code time} (now) and {@code traceparent}; the client's id and source
 * are kept as the {@code clientid} and {@code clientsource} extensions, its {@code time} is dropped.
 *
 * <p>All events of one request and their audit records go into ONE {@link EventPublisher#publishAll}
 * call: with the transactional publisher they become visible together or not at all.
 */
@Service
class ServiceEventIngest {

    static final String RESOURCE_TYPE = "session-event";

    private final EventPublisher publisher;
    private final TopicCatalog topics;
    private final URI gatewaySource;
    private final MeterRegistry meters;

    ServiceEventIngest(EventPublisher publisher, TopicCatalog topics, IngestProperties ingest, MeterRegistry meters) {
        this.publisher = publisher;
        this.topics = topics;
        this.gatewaySource = ingest.source();
        this.meters = meters;
    }

    /**
     * Completes with one receipt per event, in request order, only after Kafka acknowledged every
     * record; fails with the publisher's error otherwise (nothing was accepted).
     */
    Mono<EventsAccepted> publish(ParsedEvents parsed, Caller caller, RequestTrace trace, String clientIp) {
        return Mono.defer(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            URI source = ServiceSources.of(caller);
            String sessionTopic = topics.name(TopicId.SESSION_EVENTS);
            String auditTopic = topics.name(TopicId.AUDIT_RECORDS);
            List<ProducerRecord<String, CloudEvent>> events = new ArrayList<>();
            List<ProducerRecord<String, CloudEvent>> audits = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (ClientEvent event : parsed.events()) {
                String id = EventIds.newId();
                RequestTrace eventTrace = trace.forEvent(event);
                ids.add(id);
                events.add(TtaCloudEvents.toRecord(sessionTopic, event.sessionKey(),
                        sessionEvent(event, id, source, now, eventTrace)));
                audits.add(TtaCloudEvents.toRecord(auditTopic, event.sessionKey(),
                        auditEvent(event, id, caller, now, clientIp, eventTrace)));
            }
            List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>(events);
            records.addAll(audits);
            return publisher.publishAll(records)
                    .map(published -> receipts(ids, published))
                    .doOnSuccess(accepted -> meters.counter("tta.gateway.events.accepted", "mode", parsed.mode().tag())
                            .increment(ids.size()));
        });
    }

    /**
     * Where {@link #publish} writes these events, for an Idempotency-Key retry that must find an earlier attempt:
     * record {@code i} is event {@code i} on the session events topic, keyed by its session; together they carry the
     * receipts.
     */
    WriteLocator<EventsAccepted> locator(ParsedEvents parsed) {
        String sessionTopic = topics.name(TopicId.SESSION_EVENTS);
        List<ExpectedRecord> expected = new ArrayList<>(parsed.events().size());
        for (ClientEvent event : parsed.events()) {
            expected.add(new ExpectedRecord(sessionTopic, event.sessionKey(), expected.size()));
        }
        return WriteLocator.of(expected, ServiceEventIngest::receiptsFrom);
    }

    private static EventsAccepted receiptsFrom(List<FoundRecord> found) {
        return new EventsAccepted(found.stream()
                .map(record -> new EventReceipt(record.eventId(), StreamPosition.of(record.published()))).toList());
    }

    private static CloudEvent sessionEvent(ClientEvent event, String id, URI source, OffsetDateTime now,
                                           RequestTrace trace) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withType(event.type())
                .withSource(source)
                .withSubject(event.sessionKey())
                .withTime(now);
        if (event.data() != null) {
            builder.withData(event.dataContentType(), event.data());
        }
        if (event.dataSchema() != null) {
            builder.withDataSchema(event.dataSchema());
        }
        for (Map.Entry<String, Object> extension : event.extensions().entrySet()) {
            String name = extension.getKey();
            if (name.equals(EventAttributes.TRACEPARENT) || name.equals(EventAttributes.TRACESTATE)) {
                continue;
            }
            switch (extension.getValue()) {
                case String text -> builder.withExtension(name, text);
                case Integer number -> builder.withExtension(name, number);
                case Boolean flag -> builder.withExtension(name, flag);
                default -> throw new IllegalStateException("EventRules admits String, Integer and Boolean only");
            }
        }
        if (event.clientId() != null) {
            builder.withExtension(EventAttributes.CLIENTID, event.clientId());
        }
        if (event.clientSource() != null) {
            builder.withExtension(EventAttributes.CLIENTSOURCE, event.clientSource());
        }
        return trace.applyTo(builder).build();
    }

    private CloudEvent auditEvent(ClientEvent event, String eventId, Caller caller, OffsetDateTime now,
                                  String clientIp, RequestTrace trace) {
        // The event data is not copied into the audit record: the record points at the event by id.
        AuditRecord record = new AuditRecord(AuditActions.EVENT_PUBLISHED, AuditOutcomes.SUCCESS, caller.subject(),
                caller.role(), event.sessionKey(), RESOURCE_TYPE, eventId, AuditEvents.SERVICE_NAME, now.toInstant(), clientIp,
                trace.traceId(), null);
        return trace.applyTo(CloudEventBuilder.v1(AuditEvents.of(gatewaySource, record, now))).build();
    }

    private static EventsAccepted receipts(List<String> ids, List<Published> published) {
        List<EventReceipt> receipts = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            receipts.add(new EventReceipt(ids.get(i), StreamPosition.of(published.get(i))));
        }
        return new EventsAccepted(receipts);
    }
}
