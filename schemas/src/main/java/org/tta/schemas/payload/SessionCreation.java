package org.tta.schemas.payload;

import java.util.List;

/**
 * The body that creates a session ({@code session-creation.v1.json}).
 *
 * @param title        a display title; {@code null} when none
 * @param participants the members, 1 to 50, each subject once
 */
public record SessionCreation(String title, List<Participant> participants) {

    public SessionCreation {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    @Override
    public String toString() {
        // A title may name a patient; it stays out of log lines like message text does.
        return "SessionCreation[title=" + Redaction.of(title) + ", participants=" + participants + "]";
    }
}
