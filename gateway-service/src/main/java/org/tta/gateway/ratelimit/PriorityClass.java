package org.tta.gateway.ratelimit;

/**
 * Therapeutic priority of a request, highest first. Each class has its own budget; under Kafka
 * backpressure the lowest classes are shed first and {@link #CLINICAL} never.
 */
public enum PriorityClass {
    /** Therapists, and anyone acting in a session with an open safety escalation. */
    CLINICAL,
    /** Patients in their sessions. */
    PARTICIPANT,
    /** Backend services with client-credentials tokens. */
    SERVICE,
    /** Clinical reviewers, operators and administrators. */
    ADMINISTRATIVE;

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
