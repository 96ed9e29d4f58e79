package org.tta.gateway.web;

import io.micrometer.tracing.Span;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Returns the request's W3C trace id on every response, as {@code traceresponse} (W3C Trace
 * Context level 2) and as the plainer {@code X-Trace-Id}, so a client can quote it to support and
 * an operator can find every log line of the request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TraceResponseFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            Span span = TraceIds.spanOf(exchange);
            if (span != null) {
                var context = span.context();
                String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
                exchange.getResponse().getHeaders().set("traceresponse",
                        "00-" + context.traceId() + "-" + context.spanId() + "-" + flags);
                exchange.getResponse().getHeaders().set("X-Trace-Id", context.traceId());
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
