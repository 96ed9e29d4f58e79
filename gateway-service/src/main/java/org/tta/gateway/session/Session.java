package org.tta.gateway.session;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.tta.schemas.payload.Participant;

/**
 * A therapeutic session as the gateway stores and returns it. {@code version} is 1 when the session
 * is created and grows by one with every change; it is the entity tag of {@code If-Match}.
 *
 * @param id           the session id, chosen by the gateway (UUIDv7)
 * @param title        a display title; {@code null} when none
 * @param participants the members, each subject once
 * @param createdBy    the subject of the therapist or service that created it
 * @param createdAt    when it was created
 * @param version      the version of this document
 */
public record Session(String id, String title, List<Participant> participants, String createdBy, Instant createdAt,
                      long version) {

    public Session {
        Objects.requireNonNull(id, "id");
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** A new session at version 1. */
    public static Session create(String id, String title, List<Participant> participants, String createdBy,
                                 Instant createdAt) {
        return new Session(id, title, participants, createdBy, createdAt, 1);
    }

    public boolean isMember(String subject) {
        return participants.stream().anyMatch(p -> p.subject().equals(subject));
    }

    /** Whether the subject takes part as a therapist (not merely holds the therapist role somewhere). */
    public boolean isTherapist(String subject) {
        return participants.stream().anyMatch(p -> p.subject().equals(subject) && Participant.THERAPIST.equals(p.role()));
    }

    public List<String> memberSubjects() {
        return participants.stream().map(Participant::subject).toList();
    }

    /** The next version of this session with another participant list. */
    public Session withParticipants(List<Participant> next) {
        return new Session(id, title, next, createdBy, createdAt, version + 1);
    }

    /** The strong entity tag of this version, as sent in {@code ETag}. */
    public String entityTag() {
        return "\"" + version + "\"";
    }

    @Override
    public String toString() {
        // A title may name a patient: keep it out of log lines.
        return "Session[id=" + id + ", title=" + (title == null ? "null" : "<redacted>") + ", participants="
                + participants + ", createdBy=" + createdBy + ", createdAt=" + createdAt + ", version=" + version + "]";
    }
}
