package org.tta.gateway.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.stereotype.Service;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.idempotency.IdempotencyGuard;
import org.tta.gateway.precheck.ContentPolicyViolationException;
import org.tta.gateway.precheck.ContentPrecheck;
import org.tta.gateway.precheck.PrecheckVerdict;
import org.tta.gateway.session.SessionAccess;
import org.tta.schemas.payload.MessageSubmission;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import reactor.core.publisher.Mono;

/**
 * One participant's message into a session, whichever transport carried it (REST or a WebSocket
 * frame). Steps: session id form -> membership -> body schema -> inline pre-check -> idempotent
 * atomic write. Fails with the same exceptions (and so the same problem types) on every transport.
 */
@Service
public class MessageIntake {

    // A key belongs to one caller on one route of one session (the session id cannot hold '|').
    private static final String IDEMPOTENCY_SCOPE = "POST messages|";

    private final MessageIngestService ingest;
    private final SessionAccess sessions;
    private final ContentPrecheck precheck;
    private final IdempotencyGuard idempotency;
    private final PayloadValidator validator = PayloadValidator.standard();

    MessageIntake(MessageIngestService ingest, SessionAccess sessions, ContentPrecheck precheck,
                  IdempotencyGuard idempotency) {
        this.ingest = ingest;
        this.sessions = sessions;
        this.precheck = precheck;
        this.idempotency = idempotency;
    }

    /**
     * Completes with the event id and position only after Kafka acknowledged the event, its scan request
     * and its audit record together.
     *
     * @param body           the JSON {@code MessageSubmission}
     * @param idempotencyKey optional; the same key with the same body answers the first result again
     */
    public Mono<Accepted> submit(String sessionId, Caller caller, byte[] body, String idempotencyKey, String clientIp) {
        if (!SessionIds.isValid(sessionId)) {
            return Mono.error(new InvalidSessionIdException());
        }
        byte[] bytes = body == null ? new byte[0] : body;
        return sessions.requireParticipant(sessionId, caller, clientIp)
                .then(Mono.fromCallable(() -> validator.readValid(PayloadSchema.MESSAGE_SUBMISSION, bytes, MessageSubmission.class)))
                .flatMap(submission -> {
                    PrecheckVerdict verdict = precheck.check(submission.text());
                    if (verdict.outcome() == PrecheckVerdict.Outcome.REJECT) {
                        return Mono.error(new ContentPolicyViolationException(verdict.ruleId()));
                    }
                    return idempotency.execute(IDEMPOTENCY_SCOPE + sessionId + "|" + caller.subject(), idempotencyKey, sha256(bytes),
                            Accepted.class, () -> ingest.accept(sessionId, caller, submission, verdict, clientIp),
                            ingest.locator(sessionId));
                });
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
