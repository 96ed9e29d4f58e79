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
    private final Duration blockDuration;

    RateLimitResponses(ProblemWriter writer, Duration blockDuration) {
        this.writer = writer;
        this.blockDuration = blockDuration;
    }

    Mono<Void> limited(ServerWebExchange exchange, Decision decision) {
        return refused(exchange, CallerLimit.of(decision));
    }

    /** A request the caller budget refused: 429 rate-limited or 503 overloaded, with Retry-After. */
    Mono<Void> refused(ServerWebExchange exchange, CallerLimit limit) {
        return writer.write(exchange, limit.problem(), limit.retryAfter());
    }

    Mono<Void> blocked(ServerWebExchange exchange) {
        return writer.write(exchange, BLOCKED, blockDuration);
    }
}
