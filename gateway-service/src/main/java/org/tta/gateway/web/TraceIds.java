package org.tta.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/** The W3C trace of the request being served, from the HTTP server observation Spring keeps on the exchange. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The current span of the exchange's server observation, or null when tracing is off. */
    public static Span spanOf(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
    }

    /** The 32-hex-digit trace id of the exchange, or null when tracing is off. */
    public static String traceId(ServerWebExchange exchange) {
        Span span = spanOf(exchange);
        return span == null ? null : span.context().traceId();
    }
}
