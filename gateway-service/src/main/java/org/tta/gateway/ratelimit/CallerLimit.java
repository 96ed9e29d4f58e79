package org.tta.gateway.ratelimit;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.tta.gateway.problem.Problem;
import org.tta.platform.problem.ProblemTypes;

/**
 * What the caller budget says about one request: allowed (with the bucket's state for the
 * {@code RateLimit} headers), limited (429) or shed (503 while the event store catches up).
 */
public final class CallerLimit {

    private final Decision decision;
    private final PriorityClass shed;
    private final Duration shedRetryAfter;

    private CallerLimit(Decision decision, PriorityClass shed, Duration shedRetryAfter) {
        this.decision = decision;
        this.shed = shed;
        this.shedRetryAfter = shedRetryAfter;
    }

    static CallerLimit of(Decision decision) {
        return new CallerLimit(decision, null, null);
    }

    static CallerLimit shed(PriorityClass priority, Duration retryAfter) {
        return new CallerLimit(null, priority, retryAfter);
    }

    public boolean allowed() {
        return shed == null && decision.allowed();
    }

    /** The bucket's decision; null when the request was shed before any bucket was asked. */
    Decision decision() {
        return decision;
    }

    /** When to retry a refused request. */
    public Duration retryAfter() {
        return shed != null ? shedRetryAfter : Duration.ofSeconds(decision.retryAfterSeconds());
    }

    /** The problem of a refused request: {@code rate-limited} (429) or {@code overloaded} (503). */
    public Problem problem() {
        if (shed != null) {
            return Problem.of(ProblemTypes.OVERLOADED, HttpStatus.SERVICE_UNAVAILABLE,
                    "The gateway is shedding lower-priority traffic while the event store catches up; retry later")
                    .with("priority", shed.tag());
        }
        return Problem.of(ProblemTypes.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
                "The rate limit was exceeded; retry after the Retry-After delay").with("policy", decision.policy().name());
    }
}
