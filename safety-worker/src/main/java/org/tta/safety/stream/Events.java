package org.tta.safety.stream;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.tta.safety.escalation.EscalationStep;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/** Encodes the worker's output as CloudEvents in Kafka binary mode. Not thread-safe (one per stream task). */
final class Events {

    static final String SERVICE = "safety-worker";
    static final String SERVICE_ROLE = "service";
    static final String RESOURCE_TYPE = "safety.escalation";
    private static final URI SOURCE = URI.create("urn:tta:safety-worker");

    private final TopicCatalog topics;
    private final EventCodec codec = EventCodec.standard();
    private final CloudEventSerializer serializer = new CloudEventSerializer();

    Events(TopicCatalog topics) {
        this.topics = topics;
        serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
    }

    Outbound verdict(SafetyVerdict verdict) {
        return encode(TopicId.SAFETY_VERDICTS, EventTypes.SAFETY_VERDICT, verdict.sessionId(), verdict, verdict.decidedAt());
    }

    Outbound escalation(String sessionId, EscalationStep step) {
        var after = step.after();
        SafetyEscalation payload = new SafetyEscalation(after.escalationId(), sessionId, step.step(), after.state(),
                after.tier().wireName(), after.category(), after.onCallLevel(), after.deadline(), after.scanEventId(),
                step.occurredAt(), step.actorId(), after.route().wireName(),
                step.previousRoute() == null ? null : step.previousRoute().wireName());
        return encode(TopicId.SAFETY_ESCALATIONS, EventTypes.SAFETY_ESCALATION, sessionId, payload, step.occurredAt());
    }

    /** The audit record of a step; the resolve note is its content (stored by the audit-sink, never logged). */
    Outbound audit(String sessionId, EscalationStep step) {
        String actor = step.actorId() == null ? SERVICE : step.actorId();
        String role = step.actorRole() == null ? SERVICE_ROLE : step.actorRole();
        AuditRecord record = new AuditRecord(auditAction(step), AuditOutcomes.SUCCESS, actor, role, sessionId,
                RESOURCE_TYPE, step.after().escalationId(), SERVICE, step.occurredAt(), null, null, step.note());
        return encode(TopicId.AUDIT_RECORDS, EventTypes.AUDIT_RECORD, sessionId, record, step.occurredAt());
    }

    /** The audit record of a command the escalation's state did not allow. */
    Outbound deniedCommand(EscalationCommand command, Instant now) {
        String action = EscalationCommand.RESOLVE.equals(command.action())
                ? AuditActions.SAFETY_ESCALATION_RESOLVED : AuditActions.SAFETY_ESCALATION_ACKNOWLEDGED;
        AuditRecord record = new AuditRecord(action, AuditOutcomes.DENIED, command.actorId(), command.actorRole(),
                command.sessionId(), RESOURCE_TYPE, command.escalationId(), SERVICE, now, null, null, null);
        return encode(TopicId.AUDIT_RECORDS, EventTypes.AUDIT_RECORD, command.sessionId(), record, now);
    }

    /** The record as it came, with its headers and the reason it is dead: for {@code tta.safety.scans.dlq.v1}. */
    static Outbound deadLetter(byte[] value, Headers source, Map<String, String> why) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source) {
            headers.add(header.key(), header.value());
        }
        why.forEach((name, text) -> headers.add(name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return new Outbound(TopicId.SAFETY_SCANS_DLQ, value, headers);
    }

    /** The audit action of a step; the step that made a review escalation a page is {@code safety.escalation.paged}. */
    static String auditAction(EscalationStep step) {
        return step.paged() ? AuditActions.SAFETY_ESCALATION_PAGED : auditAction(step.step());
    }

    static String auditAction(String step) {
        return switch (step) {
            case SafetyEscalation.STEP_OPENED -> AuditActions.SAFETY_ESCALATED;
            case SafetyEscalation.STEP_UPDATED -> AuditActions.SAFETY_ESCALATION_UPDATED;
            case SafetyEscalation.STEP_ACKNOWLEDGED -> AuditActions.SAFETY_ESCALATION_ACKNOWLEDGED;
            case SafetyEscalation.STEP_RE_ESCALATED -> AuditActions.SAFETY_ESCALATION_RE_ESCALATED;
            case SafetyEscalation.STEP_RESOLVED -> AuditActions.SAFETY_ESCALATION_RESOLVED;
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }

    private Outbound encode(TopicId topic, String type, String sessionId, Object payload, Instant time) {
        CloudEvent event = TtaCloudEvents.create(EventIds.newId(), type, SOURCE, sessionId, time.atOffset(ZoneOffset.UTC),
                codec.encode(payload));
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(topics.name(topic), headers, event);
        return new Outbound(topic, value, headers);
    }
}
