package org.tta.audit.review.access;

/** The {@code audit.accessed} record could not be stored, so the read it guards must not happen: a 503. */
public class AccessNotRecordedException extends RuntimeException {

    public AccessNotRecordedException(Throwable cause) {
        super("The access to the audit trail could not be recorded", cause);
    }
}
