package org.tta.gateway.ratelimit;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.platform.problem.ProblemTypes;
import reactor.core.publisher.Mono;

/** The problem+json answers of the rate limiter: 429, 503 (shed) and 403 (blocked). */
final class RateLimitResponses {

    private static final Problem BLOCKED = Problem.of(ProblemTypes.BLOCKED, HttpStatus.FORBIDDEN,
            "Requests from this address are refused for a while after repeated abuse");

    private final ProblemWriter writer;
    private final Duration shedRetryAfter;
    private final Duration blockDuration;

    RateLimitResponses(ProblemWriter writer, Duration shedRetryAfter, Duration blockDuration) {
        this.writer = writer;
        this.shedRetryAfter = shedRetryAfter;
        this.blockDuration = blockDuration;
    }

    Mono<Void> limited(ServerWebExchange exchange, Decision decision) {
        Problem problem = Problem.of(ProblemTypes.RATE_LIMITED, HttpStatus.TOO_MANY_REQUESTS,
                "The rate limit was exceeded; retry after the Retry-After delay").with("policy", decision.policy().name());
        return writer.write(exchange, problem, Duration.ofSeconds(decision.retryAfterSeconds()));
    }

    Mono<Void> shed(ServerWebExchange exchange, PriorityClass priority) {
        Problem problem = Problem.of(ProblemTypes.OVERLOADED, HttpStatus.SERVICE_UNAVAILABLE,
                "The gateway is shedding lower-priority traffic while the event store catches up; retry later")
                .with("priority", priority.tag());
        return writer.write(exchange, problem, shedRetryAfter);
    }

    Mono<Void> blocked(ServerWebExchange exchange) {
        return writer.write(exchange, BLOCKED, blockDuration);
    }
}
