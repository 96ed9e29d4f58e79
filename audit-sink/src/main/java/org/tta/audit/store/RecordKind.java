package org.tta.audit.store;

/** What sort of event a row is; stored in {@code audit_record.kind} as {@link #value()}. */
public enum RecordKind {
    /** An {@code org.tta.audit.record.v1} from {@code tta.audit.records.v1}. */
    AUDIT_RECORD("audit_record"),
    /** A safety verdict ({@code org.tta.safety.verdict.v1}) from {@code tta.safety.verdicts.v1}. */
    SAFETY_VERDICT("safety_verdict"),
    /** An escalation step ({@code org.tta.safety.escalation.v1}) from {@code tta.safety.escalations.v1}. */
    SAFETY_ESCALATION("safety_escalation"),
    /** An event of the audit-sink itself, such as a partition dropped by retention. */
    SYSTEM("system");

    private final String value;

    RecordKind(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
