package org.tta.gateway.web;

import io.micrometer.tracing.Span;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Writes request-scoped log lines with the request's trace id and span id in the MDC ({@code traceId},
 * {@code spanId}, the keys Micrometer Tracing uses), so that the structured log carries them.
 *
 * <p>The gateway runs Reactor's context propagation in {@code limited} mode: the trace lives in the Reactor context
 * and on the exchange, and no thread local follows a request across Reactor operators (restoring them on every signal
 * was a third of the gateway's CPU in the proxy profile). So every log line written while serving a request goes
 * through here (ADR 0014):
 * <pre>{@code
 * TracedLog.write(exchange, () -> log.warn("Request failed: status={}", status));   // where the exchange is at hand
 * .onErrorResume(e -> TracedLog.line(() -> log.warn("... {}", e.getClass().getName())).then(fallback))  // in a chain
 * }</pre>
 * Lines without a request (start-up, background loops, batches of many requests) log as they are.
 */
public final class TracedLog {

    /** The MDC key of the 32-hex-digit trace id. */
    public static final String TRACE_ID = "traceId";
    /** The MDC key of the 16-hex-digit span id. */
    public static final String SPAN_ID = "spanId";

    private static final Scope NONE = () -> { };

    private TracedLog() {
    }

    /** Runs {@code line} with the trace of the exchange's request in the MDC. */
    public static void write(ServerWebExchange exchange, Runnable line) {
        write(TraceIds.spanOf(exchange), line);
    }

    /** Runs {@code line} with the trace in this Reactor context in the MDC. */
    public static void write(ContextView context, Runnable line) {
        write(TraceIds.spanOf(context), line);
    }

    /** Runs {@code line} when subscribed, with the subscriber's trace (from its Reactor context) in the MDC. */
    public static Mono<Void> line(Runnable line) {
        return Mono.deferContextual(context -> {
            write(context, line);
            return Mono.empty();
        });
    }

    /** Puts the trace in this Reactor context into the MDC until the scope is closed (on the same thread). */
    public static Scope scope(ContextView context) {
        return scope(TraceIds.spanOf(context));
    }

    private static void write(Span span, Runnable line) {
        try (Scope ignored = scope(span)) {
            line.run();
        }
    }

    private static Scope scope(Span span) {
        if (span == null) {
            return NONE;
        }
        String previousTrace = MDC.get(TRACE_ID);
        String previousSpan = MDC.get(SPAN_ID);
        MDC.put(TRACE_ID, span.context().traceId());
        MDC.put(SPAN_ID, span.context().spanId());
        return () -> {
            restore(TRACE_ID, previousTrace);
            restore(SPAN_ID, previousSpan);
        };
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    /** The trace in the MDC; closing it puts back what was there before. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
