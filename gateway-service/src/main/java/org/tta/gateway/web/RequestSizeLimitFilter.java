package org.tta.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.platform.problem.ProblemTypes;
import reactor.core.publisher.Mono;

/**
 * Refuses a body whose declared length exceeds the limit with 413, before reading it or checking
 * the token. Bodies without a declared length are bounded by the codecs' in-memory limit, which
 * the problem handler also maps to 413.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(WebProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, Problem.of(ProblemTypes.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    "The body is larger than " + maxBytes + " bytes"), null);
        }
        return chain.filter(exchange);
    }
}
