package org.tta.audit.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.RecordKind;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;

/** Entries in the common shape, for tests that write to the store directly. */
public final class Entries {

    private Entries() {
    }

    /** A patient's message in {@code session}, happening now, with its text as PHI. */
    public static AuditEntry aMessageEntry(String session, String content) {
        return aMessageEntry(session, content, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static AuditEntry aMessageEntry(String session, String content, Instant eventTime) {
        return new AuditEntry(EventIds.newId(), EventTypes.AUDIT_RECORD, AuditEvents.SOURCE.toString(),
                RecordKind.AUDIT_RECORD, eventTime, new AuditEntry.Who("patient-7", "patient", "tta-web"),
                new AuditEntry.What("session.message.posted", "session.message", EventIds.newId(), "success"),
                new AuditEntry.Where(session, "gateway-service", "203.0.113.7", "4bf92f3577b34da6a3ce929d0e0e4736"),
                null, null, "{\"action\":\"session.message.posted\",\"sessionId\":\"" + session + "\"}",
                content == null ? Map.of() : Map.of("/content", content), new AuditEntry.KafkaOrigin("direct", 0, 0));
    }
}
