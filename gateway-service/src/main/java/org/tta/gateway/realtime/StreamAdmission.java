package org.tta.gateway.realtime;

import java.time.Instant;

import org.springframework.stereotype.Component;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.ingest.SessionIds;
import org.tta.gateway.realtime.delivery.Position;
import org.tta.gateway.session.SessionAccess;
import reactor.core.publisher.Mono;

/**
 * The checks before a WebSocket upgrade or an SSE stream, in order: session id form -> resume position
 * form -> membership (as for posting) -> connection limit. Each failure is an HTTP problem, before
 * anything is upgraded or streamed.
 */
@Component
public class StreamAdmission {

    private final SessionAccess sessions;
    private final SessionHub hub;
    private final RealtimeProperties properties;

    StreamAdmission(SessionAccess sessions, SessionHub hub, RealtimeProperties properties) {
        this.sessions = sessions;
        this.hub = hub;
        this.properties = properties;
    }

    /** Validates the form of the request before any credential is looked at (and any ticket used up). */
    public Mono<Position> checkForm(String sessionId, String since) {
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        return since == null || since.isEmpty() ? Mono.empty() : Mono.fromCallable(() -> Position.parse(since));
    }

    /** Membership and the connection slot; the caller must {@link SessionHub#release} the slot when done. */
    public Mono<StreamGrant> admit(String sessionId, Caller caller, Instant tokenExpiresAt, Position since, String clientIp) {
        return sessions.requireParticipant(sessionId, caller, clientIp)
                .then(Mono.fromCallable(() -> {
                    if (!hub.reserve(caller.subject(), properties.maxConnectionsPerUser())) {
                        throw new TooManyConnectionsException();
                    }
                    return new StreamGrant(sessionId, caller, tokenExpiresAt, since, clientIp);
                }));
    }
}
