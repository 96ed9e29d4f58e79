package org.tta.gateway.consent;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.session.SessionAccess;
import org.tta.gateway.session.SessionAccessDeniedException;
import org.tta.schemas.payload.ConsentChange;
import reactor.core.publisher.Mono;

/**
 * A consent change in named steps: {@code requireOwnConsent -> requireParticipant -> record}. Consent is personal:
 * only a participant (a human, by the token subject) changes their own, so a backend service is refused even
 * where it may manage the session; a non-member is refused, and that refusal is audited by {@link SessionAccess}.
 */
@Service
class ConsentService {

    private final SessionAccess access;
    private final ConsentAudit audit;
    private final Clock clock;

    ConsentService(SessionAccess access, ConsentAudit audit) {
        this.access = access;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    Mono<ConsentReceipt> change(Caller caller, String sessionId, ConsentChange change, String clientIp) {
        if (caller.isService()) {
            return Mono.error(new SessionAccessDeniedException());
        }
        Instant at = clock.instant();
        return access.requireParticipant(sessionId, caller, clientIp)
                .then(Mono.defer(() -> audit.changed(sessionId, caller, change.consent(), at, clientIp)))
                .map(auditId -> new ConsentReceipt(sessionId, caller.subject(), change.consent(), auditId, at));
    }
}
