package org.tta.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
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
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.gateway.session.SessionAccessDeniedException;
import org.tta.gateway.session.SessionChangedConcurrentlyException;
import org.tta.gateway.session.SessionNotFoundException;
import org.tta.gateway.session.SessionPreconditionFailedException;
import org.tta.gateway.publish.PublishOverloadedException;
import org.tta.platform.problem.ProblemTypes;
import org.tta.schemas.validation.MalformedJsonException;

class ProblemMapperTest {

    record Case(String name, Throwable error, HttpStatus status, URI type) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("broker did not ack", new BrokerUnavailableException("x", new RuntimeException()),
                        HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE),
                new Case("broker failure wrapped", new RuntimeException(new BrokerUnavailableException("x", null)),
                        HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE),
                new Case("publish queue full", new PublishOverloadedException("closed"),
                        HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE),
                new Case("bad session id", new InvalidSessionIdException(), HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED),
                new Case("body too large", new ServerWebInputException("x", null, new DataBufferLimitException("big")),
                        HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE),
                new Case("wrong content type", new UnsupportedMediaTypeStatusException("text/plain"),
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE),
                new Case("wrong method", new MethodNotAllowedException("GET", List.of()),
                        HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED),
                new Case("unauthenticated", new BadCredentialsException("x"), HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED),
                new Case("forbidden", new AccessDeniedException("x"), HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN),
                new Case("invalid cloudevent", new InvalidEventException(List.of(new EventViolation("type", "/type", null, "is required"))),
                        HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED),
                new Case("no cloudevents mode", new UnsupportedEventFormatException(),
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE),
                new Case("batch too large", new BatchTooLargeException(100), HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE),
                new Case("redis did not answer", new SharedStateUnavailableException("secret", new RuntimeException("secret")),
                        HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SHARED_STATE_UNAVAILABLE),
                new Case("not a participant", new SessionAccessDeniedException(), HttpStatus.FORBIDDEN, ProblemTypes.NOT_A_PARTICIPANT),
                new Case("unknown session", new SessionNotFoundException(), HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND),
                new Case("stale If-Match", new SessionPreconditionFailedException(), HttpStatus.PRECONDITION_FAILED,
                        ProblemTypes.PRECONDITION_FAILED),
                new Case("session kept changing", new SessionChangedConcurrentlyException(), HttpStatus.CONFLICT,
                        ProblemTypes.CONCURRENT_MODIFICATION),
                new Case("bad idempotency key", new InvalidIdempotencyKeyException(), HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED),
                new Case("idempotency key reused", new IdempotencyKeyReusedException(), HttpStatus.UNPROCESSABLE_CONTENT,
                        ProblemTypes.IDEMPOTENCY_KEY_REUSED),
                new Case("idempotent request in progress", new IdempotencyInProgressException(), HttpStatus.CONFLICT,
                        ProblemTypes.IDEMPOTENCY_IN_PROGRESS),
                new Case("idempotent outcome undecidable", new IdempotencyOutcomeUnknownException(),
                        HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.IDEMPOTENCY_OUTCOME_UNKNOWN),
                new Case("content policy", new ContentPolicyViolationException("contact.phone"), HttpStatus.UNPROCESSABLE_CONTENT,
                        ProblemTypes.CONTENT_POLICY),
                new Case("control characters", new UnsafeCharactersException(), HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED),
                new Case("unknown failure", new IllegalStateException("secret"), HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mapsExceptionsToProblemsByType(Case c) {
        Problem problem = ProblemMapper.toProblem(c.error());

        assertThat(problem.status().value()).isEqualTo(c.status().value());
        assertThat(problem.type()).isEqualTo(c.type());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void neverEchoesExceptionMessages(Case c) {
        assertThat(ProblemMapper.toProblem(c.error()).body("/x").toString()).doesNotContain("secret");
    }

    @org.junit.jupiter.api.Test
    void malformedJsonIsABadRequest() {
        assertThat(ProblemMapper.toProblem(new MalformedJsonException("x")).status().value()).isEqualTo(400);
    }

    @org.junit.jupiter.api.Test
    void namesTheCircuitBreakerStateOfABrokerFailure() {
        Problem problem = ProblemMapper.toProblem(new BrokerUnavailableException("x", null, "open"));

        assertThat(problem.extensions()).containsEntry("circuitBreaker", "open");
    }

    @org.junit.jupiter.api.Test
    void boundsTheErrorsOfAnEventWithThousandsOfBadAttributes() {
        List<EventViolation> violations = java.util.stream.IntStream.range(0, 2_000)
                .mapToObj(i -> new EventViolation("k" + i, "/k" + i + "x".repeat(5_000), null, "is not accepted"))
                .toList();

        Problem problem = ProblemMapper.toProblem(new InvalidEventException(violations));

        assertThat((List<?>) problem.extensions().get("errors")).hasSize(Problem.MAX_ERRORS);
        assertThat(problem.extensions()).containsEntry("errorsOmitted", 2_000 - Problem.MAX_ERRORS);
        assertThat(problem.body("/x").toString()).hasSizeLessThan(16_384);
    }

    @org.junit.jupiter.api.Test
    void cutsALongErrorTextWithoutSplittingACharacter() {
        String pointer = "/" + "😀".repeat(300);
        Problem problem = ProblemMapper.toProblem(new InvalidEventException(List.of(
                new EventViolation("x", pointer, null, "is not accepted"))));

        @SuppressWarnings("unchecked")
        String cut = ((List<java.util.Map<String, String>>) problem.extensions().get("errors")).get(0).get("pointer");
        assertThat(cut).hasSizeLessThanOrEqualTo(Problem.MAX_ERROR_TEXT + 1).endsWith("…");
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void keepsEveryErrorOfAFewBadAttributes() {
        Problem problem = ProblemMapper.toProblem(new InvalidEventException(List.of(
                new EventViolation("type", "/type", null, "is required"),
                new EventViolation("id", "/id", null, "is required"))));

        assertThat((List<?>) problem.extensions().get("errors")).hasSize(2);
        assertThat(problem.extensions()).doesNotContainKey("errorsOmitted");
    }
}
