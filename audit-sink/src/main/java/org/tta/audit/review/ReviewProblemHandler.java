package org.tta.audit.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tta.audit.review.access.AccessNotRecordedException;
import org.tta.audit.web.Problems;
import org.tta.platform.problem.ProblemTypes;

/** The reviewer API's own problems; ordered before the catch-all handler of the {@code web} package. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReviewProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ReviewProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED,
                "One or more request parameters are invalid");
        problem.setProperty("errors", e.errors());
        return problem(HttpStatus.BAD_REQUEST, problem);
    }

    @ExceptionHandler(InvalidCursorException.class)
    ResponseEntity<ProblemDetail> invalidCursor(InvalidCursorException e) {
        // e's message is fixed text; the cursor itself is never echoed.
        return problem(HttpStatus.BAD_REQUEST, Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_CURSOR,
                e.getMessage() + "; start again from the first page"));
    }

    @ExceptionHandler(AccessNotRecordedException.class)
    ResponseEntity<ProblemDetail> accessNotRecorded(AccessNotRecordedException e) {
        log.error("Refused a read of the audit trail because its access record could not be stored: {}",
                e.getCause() == null ? "unknown" : e.getCause().getClass().getName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.AUDIT_TRAIL_UNAVAILABLE,
                        "This read could not be recorded in the audit trail, so nothing was read; retry later"));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
