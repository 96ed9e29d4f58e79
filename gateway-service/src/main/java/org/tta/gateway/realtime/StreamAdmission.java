package org.tta.gateway.realtime;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.ingest.SessionIds;
import org.tta.gateway.realtime.delivery.Position;
import org.tta.gateway.session.SessionAccess;
import reactor.core.publisher.Mono;

/**
 * The checks before a WebSocket upgrade or an SSE stream, in order: session id form -> resume position
 * form -> membership (as for posting) -> connection limit (per user, across instances). Each failure is
 * an HTTP problem, before anything is upgraded or streamed.
 */
@Component
public class StreamAdmission {

    private final SessionAccess sessions;
    private final ConnectionSlots slots;
    private final RealtimeProperties properties;

    StreamAdmission(SessionAccess sessions, ConnectionSlots slots, RealtimeProperties properties) {
        this.sessions = sessions;
        this.slots = slots;
        this.properties = properties;
    }

    /** Validates the form of the request before any credential is looked at (and any ticket used up). */
    public Mono<Position> checkForm(String sessionId, String since) {
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        return since == null || since.isEmpty() ? Mono.empty() : Mono.fromCallable(() -> Position.parse(since));
    }

    /** Membership and a connection slot (across instances); the caller must {@link #release} the grant when done. */
    public Mono<StreamGrant> admit(String sessionId, Caller caller, Instant tokenExpiresAt, Position since, String clientIp) {
        String slotId = UUID.randomUUID().toString();
        return sessions.requireParticipant(sessionId, caller, clientIp)
                .then(Mono.defer(() -> slots.reserve(caller.subject(), slotId, properties.maxConnectionsPerUser())))
                .flatMap(taken -> taken
                        ? Mono.just(new StreamGrant(sessionId, caller, tokenExpiresAt, since, clientIp, slotId))
                        : Mono.error(new TooManyConnectionsException()));
    }

    /** Gives back the grant's connection slot (once, when its connection ends or its upgrade failed). */
    public void release(StreamGrant grant) {
        slots.release(grant.caller().subject(), grant.slotId());
    }
}
