package org.tta.schemas.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.tta.schemas.validation.PayloadSchema;

/** The CloudEvents {@code type} values of the TTA platform; each one is {@code org.tta.<area>.<name>.v<N>}. */
public final class EventTypes {

    /** A participant's message in a session; data is a {@code SessionMessage}. */
    public static final String SESSION_MESSAGE = "org.tta.session.message.v1";
    /** A request to classify a message for safety risk; data is a {@code SafetyScanRequest}. */
    public static final String SAFETY_SCAN = "org.tta.safety.scan.v1";
    /** A detected safety issue that needs a clinician; data is a {@code SafetyEscalation}. */
    public static final String SAFETY_ESCALATION = "org.tta.safety.escalation.v1";
    /** A supportive message with crisis resources for a session's participants; data is a {@code SafetyNotice}. */
    public static final String SAFETY_NOTICE = "org.tta.safety.notice.v1";
    /** The safety-worker's verdict on one scan; data is a {@code SafetyVerdict}. */
    public static final String SAFETY_VERDICT = "org.tta.safety.verdict.v1";
    /** A clinician's acknowledge or resolve command for an escalation; data is an {@code EscalationCommand}. */
    public static final String SAFETY_ESCALATION_COMMAND = "org.tta.safety.escalation_command.v1";
    /** One auditable action; data is an {@code AuditRecord}. */
    public static final String AUDIT_RECORD = "org.tta.audit.record.v1";
    /** A signed checkpoint of the audit hash chains; data is {@code audit-checkpoint.v1.json}. */
    public static final String AUDIT_CHECKPOINT = "org.tta.audit.checkpoint.v1";

    private static final Map<String, PayloadSchema> SCHEMAS = Map.of(
            SESSION_MESSAGE, PayloadSchema.SESSION_MESSAGE,
            SAFETY_SCAN, PayloadSchema.SAFETY_SCAN_REQUEST,
            SAFETY_ESCALATION, PayloadSchema.SAFETY_ESCALATION,
            SAFETY_NOTICE, PayloadSchema.SAFETY_NOTICE,
            AUDIT_RECORD, PayloadSchema.AUDIT_RECORD,
            SAFETY_VERDICT, PayloadSchema.SAFETY_VERDICT,
            SAFETY_ESCALATION_COMMAND, PayloadSchema.ESCALATION_COMMAND,
            AUDIT_CHECKPOINT, PayloadSchema.AUDIT_CHECKPOINT);

    private EventTypes() {
    }

    /** The schema of the data of events of this type, if the type is a known one. */
    public static Optional<PayloadSchema> schemaOf(String type) {
        return type == null ? Optional.empty() : Optional.ofNullable(SCHEMAS.get(type));
    }

    /** Every known event type. */
    public static Set<String> all() {
        return SCHEMAS.keySet();
    }
}
