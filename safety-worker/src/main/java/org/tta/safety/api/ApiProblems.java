package org.tta.safety.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.tta.platform.problem.ProblemTypes;

/** RFC 9457 answers of the escalation API, each with its stable {@code type}. */
@RestControllerAdvice(assignableTypes = EscalationsController.class)
class ApiProblems {

    static final class EscalationNotFound extends RuntimeException {
        EscalationNotFound(String id) {
            super("No escalation " + id);
        }
    }

    static final class StateConflict extends RuntimeException {
        final String state;

        StateConflict(String id, String state, String action) {
            super("Escalation " + id + " is " + state + " and cannot be asked to " + action);
            this.state = state;
        }
    }

    static final class InvalidParameter extends RuntimeException {
        final String name;

        InvalidParameter(String name, String message) {
            super(message);
            this.name = name;
        }
    }

    @ExceptionHandler
    ProblemDetail notFound(EscalationNotFound e) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(StateConflict e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, ProblemTypes.STATE_CONFLICT, e.getMessage());
        problem.setProperty("state", e.state);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameter e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "The request is not valid");
        problem.setProperty("errors", List.of(Map.of("pointer", "/" + e.name, "message", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidBody(WebExchangeBindException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "The body is not valid");
        problem.setProperty("errors", e.getFieldErrors().stream()
                .map(error -> Map.of("pointer", "/" + error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unsupportedMediaType(UnsupportedMediaTypeStatusException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE, "The body must be application/json");
    }

    @ExceptionHandler
    ProblemDetail malformed(ServerWebInputException e) {
        // Never echo the body or the parser's message: it may quote clinical text.
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "The body is missing or not one JSON document");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> brokerUnavailable(CommandPublisher.BrokerUnavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.BROKER_UNAVAILABLE,
                        "The command could not be written to Kafka; nothing changed"));
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return problem;
    }
}
