package org.tta.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.platform.security.Roles;
import reactor.core.publisher.Mono;

/**
 * {@link SessionAccess} by the session's member set: a recent positive answer from the local
 * {@link MemberCache}, otherwise one membership lookup in the {@link SessionDirectory}. Fails closed:
 * when the store cannot answer the request fails with {@link SharedStateUnavailableException} (503),
 * never passes unchecked. A refusal is audited before it is answered.
 *
 * <p>Backend services holding {@code sessions:write} manage every session and pass without being
 * members; every human role (admins included) must be a participant to post, read or join.
 */
@Component
class MembershipSessionAccess implements SessionAccess {

    private final SessionDirectory directory;
    private final MemberCache cache;
    private final SessionAudit audit;
    // Registered once: a registry lookup per request (tags sorted, id built, map probed) is paid on every message.
    private final Counter grantedByScope;
    private final Counter grantedByCache;
    private final Counter grantedByStore;
    private final Counter deniedByStore;
    private final Counter storeUnavailable;

    MembershipSessionAccess(SessionDirectory directory, MemberCache cache, SessionAudit audit, MeterRegistry meters) {
        this.directory = directory;
        this.cache = cache;
        this.audit = audit;
        this.grantedByScope = counter(meters, "granted", "scope");
        this.grantedByCache = counter(meters, "granted", "cache");
        this.grantedByStore = counter(meters, "granted", "store");
        this.deniedByStore = counter(meters, "denied", "store");
        this.storeUnavailable = counter(meters, "unavailable", "store");
    }

    @Override
    public Mono<Void> requireParticipant(String sessionId, Caller caller, String clientIp) {
        if (managesSessions(caller)) {
            grantedByScope.increment();
            return Mono.empty();
        }
        String subject = caller.subject();
        if (cache.isKnownMember(sessionId, subject)) {
            grantedByCache.increment();
            return Mono.empty();
        }
        long generation = cache.generation();
        return directory.isMember(sessionId, subject)
                .defaultIfEmpty(false) // no answer is not a yes
                .doOnError(SharedStateUnavailableException.class, e -> storeUnavailable.increment())
                .flatMap(member -> {
                    if (member) {
                        cache.remember(sessionId, subject, generation);
                        grantedByStore.increment();
                        return Mono.<Void>empty();
                    }
                    deniedByStore.increment();
                    return audit.denied(sessionId, caller, clientIp).then(Mono.error(new SessionAccessDeniedException()));
                });
    }

    /** A backend service allowed to create sessions and change their participants. */
    static boolean managesSessions(Caller caller) {
        return caller.isService() && caller.hasScope(Roles.SCOPE_SESSIONS_WRITE);
    }

    private static Counter counter(MeterRegistry meters, String outcome, String via) {
        return meters.counter("tta.gateway.session.access", "outcome", outcome, "via", via);
    }
}
