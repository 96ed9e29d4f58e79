package org.tta.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.tta.gateway.session.Session;
import org.tta.gateway.session.SessionDirectory;
import org.tta.schemas.payload.Participant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test fixture: makes the holder of a token a participant of a session (creating the session when
 * needed), so tests of other features post as members and pass the real membership check.
 */
public final class Members {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Members() {
    }

    /** Adds the token's subject to the session as patient or therapist (by its roles claim). */
    public static void ensure(SessionDirectory sessions, String sessionId, String token) {
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        String subject = claims.path("sub").asString();
        boolean therapist = false;
        for (JsonNode role : claims.path("roles")) {
            therapist |= "therapist".equals(role.asString());
        }
        ensure(sessions, sessionId, therapist ? Participant.therapist(subject) : Participant.patient(subject));
    }

    public static void ensure(SessionDirectory sessions, String sessionId, Participant participant) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Session current = sessions.find(sessionId).block();
            if (current == null) {
                Session created = Session.create(sessionId, null, List.of(participant), "test",
                        Instant.now());
                if (Boolean.TRUE.equals(sessions.create(created).block())) {
                    return;
                }
                continue;
            }
            if (current.isMember(participant.subject())) {
                return;
            }
            List<Participant> next = new ArrayList<>(current.participants());
            next.add(participant);
            if (Boolean.TRUE.equals(sessions.replace(current, current.withParticipants(next)).block())) {
                return;
            }
        }
        throw new IllegalStateException("could not make " + participant.subject() + " a member of " + sessionId);
    }

}
