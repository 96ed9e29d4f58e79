package org.tta.schemas.payload;

/**
 * A member of a session ({@code common.v1.json#/$defs/participant}).
 *
 * @param subject the member's token subject ({@code sub})
 * @param role    the part they take in the session: {@link #PATIENT} or {@link #THERAPIST}
 */
public record Participant(String subject, String role) {

    public static final String PATIENT = "patient";
    public static final String THERAPIST = "therapist";

    public static Participant patient(String subject) {
        return new Participant(subject, PATIENT);
    }

    public static Participant therapist(String subject) {
        return new Participant(subject, THERAPIST);
    }
}
