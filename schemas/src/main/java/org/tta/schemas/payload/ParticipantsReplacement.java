package org.tta.schemas.payload;

import java.util.List;

/**
 * The body that replaces a session's participant list ({@code participants-replacement.v1.json}).
 *
 * @param participants the new members, 1 to 50, each subject once
 */
public record ParticipantsReplacement(List<Participant> participants) {

    public ParticipantsReplacement {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
