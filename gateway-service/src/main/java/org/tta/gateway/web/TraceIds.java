package org.tta.gateway.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.ContextView;

/**
 * The W3C trace of the request being served: from the HTTP server observation Spring keeps on the exchange, or from
 * the observation WebFlux puts in the Reactor context of the request's chain (what a step deeper down can see).
 */
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

    /** The span of the observation in this Reactor context (the request's, or one nested in it), or null when none. */
    public static Span spanOf(ContextView context) {
        Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (observation == null) {
            return null;
        }
        TracingObservationHandler.TracingContext tracing =
                observation.getContextView().get(TracingObservationHandler.TracingContext.class);
        return tracing == null ? null : tracing.getSpan();
    }

    /** The 32-hex-digit trace id of the exchange, or null when tracing is off. */
    public static String traceId(ServerWebExchange exchange) {
        Span span = spanOf(exchange);
        return span == null ? null : span.context().traceId();
    }
}
