package org.tta.audit.support;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.cloudevents.CloudEvent;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import org.tta.schemas.payload.AuditRecord;

/** Audit record events for tests. */
public final class AuditEvents {

    public static final URI SOURCE = URI.create("/tta/gateway-service");

    private AuditEvents() {
    }

    /** A valid audit record of a patient's message in {@code sessionId}. */
    public static AuditRecord aMessagePosted(String sessionId, String content) {
        return new AuditRecord(AuditActions.MESSAGE_POSTED, AuditOutcomes.SUCCESS, "patient-7", "patient", sessionId,
                "session.message", EventIds.newId(), "gateway-service", Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "203.0.113.7", "4bf92f3577b34da6a3ce929d0e0e4736", content);
    }

    /** An {@code org.tta.audit.record.v1} event with a new id. */
    public static CloudEvent anAuditEvent(AuditRecord record) {
        return anAuditEvent(EventIds.newId(), record);
    }

    public static CloudEvent anAuditEvent(String id, AuditRecord record) {
        return withData(id, EventCodec.standard().encode(record), record.sessionId());
    }

    /** An audit record event whose data is the given bytes, valid or not. */
    public static CloudEvent withData(String id, byte[] json, String subject) {
        return TtaCloudEvents.create(id, EventTypes.AUDIT_RECORD, SOURCE, subject, now(), json);
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
