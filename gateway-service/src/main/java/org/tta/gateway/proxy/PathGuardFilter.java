package org.tta.gateway.proxy;

import java.util.Locale;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import reactor.core.publisher.Mono;

/**
 * Refuses API paths a backend could read differently from the gateway, before anything else looks at
 * them: dot segments ({@code .}, {@code ..}), encoded slashes, backslashes and dots
 * ({@code %2F}, {@code %5C}, {@code %2E}), encoded NUL and percent ({@code %00}, {@code %25}, so
 * nothing decodes twice), raw backslashes, empty segments and matrix parameters ({@code ;}).
 */
final class PathGuardFilter implements WebFilter, Ordered {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    private static final String[] ENCODED = {"%2f", "%5c", "%2e", "%00", "%25"};

    private final ProblemWriter problems;

    PathGuardFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw != null && raw.startsWith("/api/") && !safe(raw)) {
            return problems.write(exchange, Problem.of(ProxyProblems.INVALID_PATH, HttpStatus.BAD_REQUEST,
                    "The path holds dot segments, encoded slashes or dots, or other ambiguous characters"), null);
        }
        return chain.filter(exchange);
    }

    static boolean safe(String raw) {
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED) {
            if (lower.contains(encoded)) {
                return false;
            }
        }
        if (raw.indexOf('\\') >= 0 || raw.indexOf(';') >= 0 || raw.contains("//")) {
            return false;
        }
        for (String segment : raw.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
