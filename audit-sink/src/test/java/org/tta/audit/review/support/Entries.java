package org.tta.audit.review.support;

import java.time.Instant;
import java.util.Map;

import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.RecordKind;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.AuditOutcomes;

/** Trail entries in the store's common shape, for tests that write through the store's insert path. */
public final class Entries {

    private Entries() {
    }

    public static AuditEntry aMessage(String session, Instant at, String subject, String text) {
        return new AuditEntry(EventIds.newId(), EventTypes.AUDIT_RECORD, "/tta/gateway-service", RecordKind.AUDIT_RECORD,
                at, new AuditEntry.Who(subject, "patient", "tta-web"),
                new AuditEntry.What(AuditActions.MESSAGE_POSTED, "session.message", EventIds.newId(),
                        AuditOutcomes.SUCCESS),
                new AuditEntry.Where(session, "gateway-service", "203.0.113.7", "4bf92f3577b34da6a3ce929d0e0e4736"),
                null, null, "{\"action\":\"" + AuditActions.MESSAGE_POSTED + "\"}", Map.of("/content", text), null);
    }

    public static AuditEntry aVerdict(String session, Instant at, String tier, String category) {
        return new AuditEntry(EventIds.newId(), "org.tta.safety.verdict.v1", "/tta/safety-worker",
                RecordKind.SAFETY_VERDICT, at, new AuditEntry.Who("safety-worker", "service", null),
                new AuditEntry.What("safety.verdict", "session.message", EventIds.newId(), "flagged"),
                new AuditEntry.Where(session, "safety-worker", null, null), tier, category,
                "{\"tier\":\"" + tier + "\"}", Map.of(), null);
    }

    public static AuditEntry anEscalationStep(String session, String escalationId, String state, Instant at,
            String actor) {
        return anEscalationStep(session, escalationId, state, at, actor, "{\"state\":\"" + state + "\"}");
    }

    /** A step on a route ({@code page} or {@code review}), as the safety-worker writes since ADR 0006 "Routes". */
    public static AuditEntry anEscalationStepOnRoute(String session, String escalationId, String state, Instant at,
            String actor, String route) {
        return anEscalationStep(session, escalationId, state, at, actor,
                "{\"state\":\"" + state + "\",\"route\":\"" + route + "\"}");
    }

    private static AuditEntry anEscalationStep(String session, String escalationId, String state, Instant at,
            String actor, String payload) {
        return new AuditEntry(EventIds.newId(), EventTypes.SAFETY_ESCALATION, "/tta/safety-worker",
                RecordKind.SAFETY_ESCALATION, at,
                actor == null ? new AuditEntry.Who("safety-worker", "service", null)
                        : new AuditEntry.Who(actor, "therapist", null),
                new AuditEntry.What("safety.escalation." + state, "safety.escalation", escalationId, state),
                new AuditEntry.Where(session, "safety-worker", null, null), "high", "self_harm", payload, Map.of(),
                null);
    }

    public static AuditEntry aConsent(String session, String subject, String action, Instant at) {
        return new AuditEntry(EventIds.newId(), EventTypes.AUDIT_RECORD, "/tta/gateway-service", RecordKind.AUDIT_RECORD,
                at, new AuditEntry.Who(subject, "patient", "tta-web"),
                new AuditEntry.What(action, "session.consent", session, AuditOutcomes.SUCCESS),
                new AuditEntry.Where(session, "gateway-service", "203.0.113.7", null),
                null, null, "{\"scope\":\"recording,review\"}", Map.of(), null);
    }

    public static AuditEntry aRefusal(String subject, String clientId, Instant at) {
        return new AuditEntry(EventIds.newId(), EventTypes.AUDIT_RECORD, "/tta/gateway-service", RecordKind.AUDIT_RECORD,
                at, new AuditEntry.Who(subject, "patient", clientId),
                new AuditEntry.What(AuditActions.ACCESS_DENIED, "session", "s-someone-else", AuditOutcomes.DENIED),
                new AuditEntry.Where(null, "gateway-service", "198.51.100.9", null),
                null, null, "{}", Map.of(), null);
    }
}
