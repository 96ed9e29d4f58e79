package org.tta.schemas.payload;

/** The {@code outcome} values of audit records. */
public final class AuditOutcomes {

    /** The action was carried out. */
    public static final String SUCCESS = "success";
    /** The action was refused (authorisation, policy, safety pre-check). */
    public static final String DENIED = "denied";
    /** The action was attempted and failed. */
    public static final String FAILURE = "failure";

    private AuditOutcomes() {
    }
}
