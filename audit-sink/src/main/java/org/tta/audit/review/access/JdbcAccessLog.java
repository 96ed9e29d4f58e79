package org.tta.audit.review.access;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.RecordKind;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AccessLog} through the store's own insert path ({@link AuditRecordStore#append}), synchronously: the
 * access record is chained and committed like any ingested record before the reader gets an answer.
 */
@Component
class JdbcAccessLog implements AccessLog {

    static final URI SOURCE = URI.create("/tta/audit-sink");
    static final String SERVICE = "audit-sink";

    private final AuditRecordStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Counter recorded;
    private final Counter failed;

    JdbcAccessLog(AuditRecordStore store, JsonMapper json, MeterRegistry meters) {
        this.store = store;
        this.json = json;
        this.clock = Clock.systemUTC();
        this.recorded = meters.counter("tta.audit.access.recorded", "outcome", "success");
        this.failed = meters.counter("tta.audit.access.recorded", "outcome", "failure");
    }

    @Override
    public String record(Access access) {
        String id = EventIds.newId();
        Access.Reader reader = access.reader();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("resource", access.resource());
        payload.put("reason", access.reason());
        payload.put("query", new LinkedHashMap<>(access.query()));
        AuditEntry entry = new AuditEntry(id, EventTypes.AUDIT_RECORD, SOURCE.toString(), RecordKind.AUDIT_RECORD,
                Instant.now(clock),
                new AuditEntry.Who(reader.subjectId(), reader.role(), reader.clientId()),
                new AuditEntry.What(AuditActions.AUDIT_ACCESSED, access.resource(),
                        access.sessionId() != null ? access.sessionId() : "query", AuditOutcomes.SUCCESS),
                new AuditEntry.Where(access.sessionId(), SERVICE, reader.clientIp(), reader.traceId()),
                null, null, json.writeValueAsString(payload), Map.of(), null);
        try {
            store.append(List.of(entry));
        } catch (RuntimeException e) {
            failed.increment();
            throw new AccessNotRecordedException(e);
        }
        recorded.increment();
        return id;
    }
}
