package org.tta.schemas.topics;

/** The topics of the TTA gateway; names and settings come from {@link TopicCatalog}. */
public enum TopicId {
    SESSION_EVENTS,
    SAFETY_SCANS,
    SAFETY_ESCALATIONS,
    AUDIT_RECORDS,
    DELIVERIES,
    SUBSCRIPTIONS,
    SAFETY_VERDICTS,
    SAFETY_ESCALATION_COMMANDS,
    AUDIT_CHECKPOINTS,
    SESSION_EVENTS_DLQ,
    SAFETY_SCANS_DLQ,
    SAFETY_ESCALATIONS_DLQ,
    AUDIT_RECORDS_DLQ
}
