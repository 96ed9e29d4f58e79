package org.tta.gateway.problem;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.tta.gateway.idempotency.IdempotencyProperties;
import org.tta.gateway.ingest.IngestProperties;
import org.tta.platform.problem.ProblemTypes;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;

/**
 * Turns every error that reaches the WebFlux chain (controllers and WebFilters alike) into an
 * {@code application/problem+json} response, logs it once, and counts it by problem type.
 * Ordered before Spring Boot's default error handler.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;
    private final MeterRegistry meters;
    private final IngestProperties ingest;
    private final IdempotencyProperties idempotency;

    ProblemExceptionHandler(ProblemWriter writer, MeterRegistry meters, IngestProperties ingest,
                            IdempotencyProperties idempotency) {
        this.writer = writer;
        this.meters = meters;
        this.ingest = ingest;
        this.idempotency = idempotency;
    }

    private Duration retryAfter(Problem problem) {
        if (problem.status().value() == 503) {
            return ingest.retryAfter();
        }
        return ProblemTypes.IDEMPOTENCY_IN_PROGRESS.equals(problem.type()) ? idempotency.retryAfter() : null;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        Problem problem = ProblemMapper.toProblem(error);
        int status = problem.status().value();
        if (status >= 500) {
            // The exception class, never its message: messages can carry request content.
            TracedLog.write(exchange, () -> log.warn("Request failed: status={} type={} path={} cause={}", status,
                    problem.type(), exchange.getRequest().getPath().value(), error.getClass().getName()));
        }
        meters.counter("tta.http.problems", "type", problem.type().getPath().substring(1),
                "status", Integer.toString(status)).increment();
        return writer.write(exchange, problem, retryAfter(problem));
    }
}
