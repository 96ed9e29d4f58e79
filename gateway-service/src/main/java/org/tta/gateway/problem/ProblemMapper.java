package org.tta.gateway.problem;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ResponseStatusException;
import org.tta.gateway.events.BatchTooLargeException;
import org.tta.gateway.events.EventViolation;
import org.tta.gateway.events.InvalidEventException;
import org.tta.gateway.events.UnsupportedEventFormatException;
import org.tta.gateway.idempotency.IdempotencyInProgressException;
import org.tta.gateway.idempotency.IdempotencyKeyReusedException;
import org.tta.gateway.idempotency.IdempotencyOutcomeUnknownException;
import org.tta.gateway.idempotency.InvalidIdempotencyKeyException;
import org.tta.gateway.ingest.InvalidSessionIdException;
import org.tta.gateway.precheck.ContentPolicyViolationException;
import org.tta.gateway.precheck.UnsafeCharactersException;
import org.tta.gateway.publish.BrokerUnavailableException;
import org.tta.gateway.realtime.InvalidFrameException;
import org.tta.gateway.realtime.TooManyConnectionsException;
import org.tta.gateway.realtime.delivery.InvalidPositionException;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.gateway.session.SessionAccessDeniedException;
import org.tta.gateway.session.SessionChangedConcurrentlyException;
import org.tta.gateway.session.SessionNotFoundException;
import org.tta.gateway.subscription.InvalidSubscriptionException;
import org.tta.gateway.subscription.SubscriptionNotFoundException;
import org.tta.gateway.session.SessionPreconditionFailedException;
import org.tta.platform.problem.ProblemTypes;
import org.tta.schemas.validation.MalformedJsonException;
import org.tta.schemas.validation.PayloadInvalidException;

/** Decides the problem for an exception, by its type only (never by its message text). */
final class ProblemMapper {

    private ProblemMapper() {
    }

    /**
     * The problem of the first exception in the cause chain (outermost first, at most ten deep) that
     * has a mapping; otherwise the status of a Spring {@link ResponseStatusException}; otherwise 500.
     */
    static Problem toProblem(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; depth < 10 && cause != null; depth++, cause = cause.getCause()) {
            Problem problem = known(cause);
            if (problem != null) {
                return problem;
            }
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status);
        }
        return Problem.of(ProblemTypes.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");
    }

    /** The problem for exactly this exception type, or null when it has none. */
    private static Problem known(Throwable cause) {
        if (cause instanceof MalformedJsonException) {
            return Problem.of(ProblemTypes.MALFORMED_REQUEST, HttpStatus.BAD_REQUEST, "The body is not a single well-formed JSON document");
        }
        if (cause instanceof PayloadInvalidException invalid) {
            List<Map<String, String>> errors = invalid.violations().stream()
                    .map(v -> Map.of("pointer", v.pointer(), "detail", v.message())).toList();
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "The body does not match its schema")
                    .withErrors(errors);
        }
        if (cause instanceof InvalidEventException invalid) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "The request holds an invalid CloudEvent; nothing was accepted")
                    .withErrors(invalid.violations().stream().map(EventViolation::toProblemEntry).toList());
        }
        if (cause instanceof UnsupportedEventFormatException) {
            return Problem.of(ProblemTypes.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNSUPPORTED_MEDIA_TYPE, cause.getMessage());
        }
        if (cause instanceof BatchTooLargeException tooLarge) {
            return Problem.of(ProblemTypes.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, cause.getMessage())
                    .with("maxEvents", tooLarge.maxEvents());
        }
        if (cause instanceof InvalidSessionIdException) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, cause.getMessage());
        }
        if (cause instanceof InvalidPositionException) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, cause.getMessage())
                    .with("errors", List.of(Map.of("pointer", "since", "detail", cause.getMessage())));
        }
        if (cause instanceof InvalidFrameException invalid) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, "The frame is not valid")
                    .with("errors", List.of(Map.of("pointer", invalid.pointer(), "detail", invalid.getMessage())));
        }
        if (cause instanceof TooManyConnectionsException) {
            return Problem.of(ProblemTypes.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS, cause.getMessage());
        }
        if (cause instanceof SessionAccessDeniedException) {
            return Problem.of(ProblemTypes.NOT_A_PARTICIPANT, HttpStatus.FORBIDDEN, "The caller is not a participant of this session");
        }
        if (cause instanceof UnsafeCharactersException) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
                    "The text contains control characters or bidirectional overrides")
                    .with("errors", List.of(Map.of("pointer", "/text", "detail",
                            "must not contain control characters (other than tab, line feed, carriage return) or bidirectional overrides")));
        }
        if (cause instanceof ContentPolicyViolationException violation) {
            return Problem.of(ProblemTypes.CONTENT_POLICY, HttpStatus.UNPROCESSABLE_CONTENT,
                    "The message breaks the content policy and was not relayed").with("rule", violation.ruleId());
        }
        if (cause instanceof InvalidIdempotencyKeyException) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
                    "The Idempotency-Key header must be 1 to 255 printable ASCII characters");
        }
        if (cause instanceof IdempotencyKeyReusedException) {
            return Problem.of(ProblemTypes.IDEMPOTENCY_KEY_REUSED, HttpStatus.UNPROCESSABLE_CONTENT,
                    "This Idempotency-Key was already used for a different request; use a new key for a new request");
        }
        if (cause instanceof IdempotencyInProgressException) {
            return Problem.of(ProblemTypes.IDEMPOTENCY_IN_PROGRESS, HttpStatus.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry later to get its result");
        }
        if (cause instanceof IdempotencyOutcomeUnknownException) {
            return Problem.of(ProblemTypes.IDEMPOTENCY_OUTCOME_UNKNOWN, HttpStatus.SERVICE_UNAVAILABLE,
                    "Whether an earlier request with this Idempotency-Key was accepted cannot be decided now; nothing "
                            + "was written. Retry later with the same key.");
        }
        if (cause instanceof SharedStateUnavailableException) {
            return Problem.of(ProblemTypes.SHARED_STATE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                    "Shared state is unavailable; nothing was accepted. Retry later.");
        }
        if (cause instanceof BrokerUnavailableException unavailable) {
            Problem problem = Problem.of(ProblemTypes.BROKER_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                    "The event store did not acknowledge the write; nothing was accepted. Retry later.");
            return unavailable.circuitBreakerState() == null ? problem
                    : problem.with("circuitBreaker", unavailable.circuitBreakerState());
        }
        if (cause instanceof InvalidSubscriptionException invalid) {
            return Problem.of(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
                    "The subscription cannot be accepted; nothing was stored")
                    .withErrors(invalid.problems().stream().map(p -> Map.of("pointer", p.pointer(), "detail",
                            p.message())).toList());
        }
        if (cause instanceof SubscriptionNotFoundException) {
            return Problem.of(ProblemTypes.NOT_FOUND, HttpStatus.NOT_FOUND, "No subscription of the caller has this id");
        }
        if (cause instanceof SessionNotFoundException) {
            return Problem.of(ProblemTypes.NOT_FOUND, HttpStatus.NOT_FOUND, "No session has this id");
        }
        if (cause instanceof SessionPreconditionFailedException) {
            return Problem.of(ProblemTypes.PRECONDITION_FAILED, HttpStatus.PRECONDITION_FAILED,
                    "The session is not at the version named in If-Match; nothing changed");
        }
        if (cause instanceof SessionChangedConcurrentlyException) {
            return Problem.of(ProblemTypes.CONCURRENT_MODIFICATION, HttpStatus.CONFLICT,
                    "The session changed concurrently; nothing changed. Read it and retry with If-Match.");
        }
        if (cause instanceof DataBufferLimitException) {
            return Problem.of(ProblemTypes.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, "The body is too large");
        }
        if (cause instanceof AuthenticationException) {
            return Problem.of(ProblemTypes.UNAUTHENTICATED, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        }
        if (cause instanceof AccessDeniedException) {
            return Problem.of(ProblemTypes.FORBIDDEN, HttpStatus.FORBIDDEN, "The token does not allow this request");
        }
        return null;
    }

    private static Problem fromStatus(ResponseStatusException exception) {
        HttpStatus status = HttpStatus.resolve(exception.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        var type = switch (status) {
            case NOT_FOUND -> ProblemTypes.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ProblemTypes.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> ProblemTypes.UNAUTHENTICATED;
            case FORBIDDEN -> ProblemTypes.FORBIDDEN;
            case SERVICE_UNAVAILABLE -> ProblemTypes.BROKER_UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemTypes.MALFORMED_REQUEST : ProblemTypes.INTERNAL;
        };
        // The reason of Spring's own exceptions names the problem without echoing request content.
        String detail = status.is5xxServerError() ? "An unexpected error occurred" : exception.getReason();
        return Problem.of(type, status, detail);
    }

}
