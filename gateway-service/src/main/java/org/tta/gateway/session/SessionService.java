package org.tta.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.web.TracedLog;
import org.tta.platform.security.Roles;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.payload.Participant;
import org.tta.schemas.validation.PayloadInvalidException;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.Violation;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates sessions, shows them and replaces their participants, deciding who may do what.
 * Every change is audited; when Kafka does not take the audit record the change is undone and the
 * request fails (503), so that no one gains or loses access to a session without a trace.
 */
@Service
class SessionService {

    static final int MAX_PARTICIPANTS = 50;
    /** Unconditional replacements retried after losing a race; with If-Match a lost race is a 412. */
    private static final int REPLACE_RETRIES = 4;

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionDirectory directory;
    private final MemberCache cache;
    private final SessionAudit audit;
    private final MeterRegistry meters;

    SessionService(SessionDirectory directory, MemberCache cache, SessionAudit audit, MeterRegistry meters) {
        this.directory = directory;
        this.cache = cache;
        this.audit = audit;
        this.meters = meters;
    }

    /** A therapist who creates a session is one of its therapists; a service is not a participant. */
    Mono<Session> create(Caller caller, String title, List<Participant> requested, String clientIp) {
        return Mono.defer(() -> {
            List<Participant> participants = new ArrayList<>(requested);
            if (caller.hasRole(Roles.THERAPIST) && participants.stream().noneMatch(p -> p.subject().equals(caller.subject()))) {
                participants.add(Participant.therapist(caller.subject()));
            }
            requireValid(PayloadSchema.SESSION_CREATION, participants);
            Session session = Session.create(EventIds.newId(), title, participants, caller.subject(),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS));
            return directory.create(session)
                    .flatMap(created -> created ? Mono.just(session)
                            : Mono.error(new IllegalStateException("A fresh UUIDv7 session id was already taken")))
                    .flatMap(stored -> audit.created(stored, caller, clientIp)
                            .onErrorResume(error -> undo(AuditActions.SESSION_CREATED, stored.id(), directory.delete(stored.id()))
                                    .then(Mono.error(error)))
                            .thenReturn(stored))
                    .doOnSuccess(stored -> meters.counter("tta.gateway.session.changes", "action", "created").increment());
        });
    }

    /** Participants see the session, as do admins and services managing sessions; anyone else is refused. */
    Mono<Session> get(Caller caller, String id, String clientIp) {
        return directory.find(id)
                .flatMap(session -> session.isMember(caller.subject()) || seesEverySession(caller)
                        ? Mono.just(session) : refuse(id, caller, clientIp))
                .switchIfEmpty(Mono.defer(() -> unknown(id, caller, clientIp)));
    }

    /** Replaces the participant list, for a therapist of the session or a service managing sessions. */
    Mono<Session> replaceParticipants(Caller caller, String id, List<Participant> participants, String ifMatch,
                                      String clientIp) {
        return Mono.defer(() -> {
                    requireValid(PayloadSchema.PARTICIPANTS_REPLACEMENT, participants);
                    return attemptReplace(caller, id, participants, ifMatch, clientIp);
                })
                .retryWhen(Retry.max(REPLACE_RETRIES).filter(LostRace.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> new SessionChangedConcurrentlyException()))
                .flatMap(changed -> audit.participantsChanged(changed.next(), caller, clientIp)
                        .onErrorResume(error -> undo(AuditActions.SESSION_PARTICIPANTS_CHANGED, id, directory.replace(changed.next(), changed.previous()))
                                .then(Mono.error(error)))
                        .thenReturn(changed.next()))
                .doOnSuccess(next -> meters.counter("tta.gateway.session.changes", "action", "participants_changed").increment());
    }

    private record Change(Session previous, Session next) {
    }

    /** A concurrent change won the compare-and-set; only ever seen by the retry. */
    private static final class LostRace extends RuntimeException {
        LostRace() {
            super(null, null, false, false);
        }
    }

    private Mono<Change> attemptReplace(Caller caller, String id, List<Participant> participants, String ifMatch,
                                        String clientIp) {
        return directory.find(id)
                .switchIfEmpty(Mono.defer(() -> unknown(id, caller, clientIp)))
                .flatMap(current -> {
                    if (!MembershipSessionAccess.managesSessions(caller) && !current.isTherapist(caller.subject())) {
                        return refuse(id, caller, clientIp);
                    }
                    if (!IfMatch.allows(ifMatch, current.version())) {
                        return Mono.error(new SessionPreconditionFailedException());
                    }
                    Session next = current.withParticipants(participants);
                    return directory.replace(current, next)
                            // Forget cached answers whatever the outcome: the stored list may have changed either way.
                            .doFinally(signal -> cache.forget(id))
                            .flatMap(replaced -> {
                                if (replaced) {
                                    return Mono.just(new Change(current, next));
                                }
                                return Mono.error(ifMatch != null ? new SessionPreconditionFailedException() : new LostRace());
                            });
                });
    }

    private static boolean seesEverySession(Caller caller) {
        return caller.hasRole(Roles.ADMIN) || MembershipSessionAccess.managesSessions(caller);
    }

    /** An unknown id looks like someone else's session, except to those who may see every session. */
    private <T> Mono<T> unknown(String id, Caller caller, String clientIp) {
        return seesEverySession(caller) ? Mono.error(new SessionNotFoundException()) : refuse(id, caller, clientIp);
    }

    private <T> Mono<T> refuse(String id, Caller caller, String clientIp) {
        return audit.denied(id, caller, clientIp).then(Mono.error(new SessionAccessDeniedException()));
    }

    private Mono<Void> undo(String action, String id, Mono<?> compensation) {
        return compensation.timeout(Duration.ofSeconds(5))
                .then(TracedLog.line(() -> log.warn("Undid {} because its audit record was not written: session={}",
                        action, id)))
                .onErrorResume(error -> {
                    // The change stands without its audit record: loud, counted, and never content.
                    meters.counter("tta.gateway.session.audit.failures", "action", action).increment();
                    return TracedLog.line(() -> log.error("{} stands without its audit record: session={} cause={}",
                            action, id, error.getClass().getName()));
                });
    }

    /** Checks what the schema cannot: each subject once, and the creator counted in the limit. */
    static void requireValid(PayloadSchema schema, List<Participant> participants) {
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < participants.size(); i++) {
            if (!seen.add(participants.get(i).subject())) {
                violations.add(new Violation("/participants/" + i + "/subject", "must not repeat the subject of another participant"));
            }
        }
        if (participants.size() > MAX_PARTICIPANTS) {
            violations.add(new Violation("/participants", "must have at most " + MAX_PARTICIPANTS
                    + " items, counting the therapist who creates the session"));
        }
        if (!violations.isEmpty()) {
            throw new PayloadInvalidException(schema, violations);
        }
    }
}
