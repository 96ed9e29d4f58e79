package org.tta.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * OWASP response headers on every response, including errors raised before or inside Spring
 * Security: HSTS, CSP, no sniffing, no framing, no referrer, no browser features, no caching of
 * API answers unless a handler says otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter implements WebFilter {

    /** The API documentation and the session chat page are the only HTML the gateway serves; they need their own scripts and styles. */
    private static final String DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; frame-ancestors 'none'";

    private final String hsts;
    private final String csp;

    SecurityHeadersFilter(WebProperties properties) {
        this.hsts = "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains";
        this.csp = properties.contentSecurityPolicy();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Strict-Transport-Security", hsts);
            String path = exchange.getRequest().getPath().value();
            boolean docs = path.startsWith("/swagger-ui") || path.startsWith("/webjars/")
                    || path.equals("/chat.html") || path.equals("/chat.js"); // the session chat page
            headers.set("Content-Security-Policy", docs ? DOCS_CSP : csp);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            headers.set("Cross-Origin-Resource-Policy", "same-site");
            if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                headers.setCacheControl("no-store");
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
