package org.tta.audit.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.tta.platform.problem.ProblemTypes;

/** RFC 9457 problem details with the platform's stable {@code type} URIs. */
public final class Problems {

    private Problems() {
    }

    /** The type of a problem that is known only by its status. */
    public static URI typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemTypes.MALFORMED_REQUEST;
            case 401 -> ProblemTypes.UNAUTHENTICATED;
            case 403 -> ProblemTypes.FORBIDDEN;
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemTypes.VALIDATION_FAILED;
            default -> status.is5xxServerError() ? ProblemTypes.INTERNAL : URI.create("about:blank");
        };
    }

    public static ProblemDetail of(HttpStatusCode status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known != null) {
            problem.setTitle(known.getReasonPhrase());
        }
        return problem;
    }

    /** Sets the platform type on a problem that still has the default {@code about:blank}. */
    static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(typeOf(HttpStatusCode.valueOf(problem.getStatus())));
        }
        return problem;
    }
}
