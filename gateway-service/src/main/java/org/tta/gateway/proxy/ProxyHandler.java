package org.tta.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.proxy.cache.CacheKeys;
import org.tta.gateway.proxy.forward.ProxyFailure;
import org.tta.gateway.proxy.route.RouteMatch;
import org.tta.platform.problem.ProblemTypes;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;

/**
 * Serves a request matched to a route: negotiate -> read the body (bounded) -> call (cache or
 * forwarder) -> relay the answer. Every failure is answered as problem+json here, with
 * {@code Retry-After} where the proxy knows when to come back.
 */
final class ProxyHandler implements WebHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProxyHandler.class);

    static final String MATCH = ProxyHandler.class.getName() + ".match";
    private static final byte[] NO_BODY = new byte[0];
    private static final int MAX_TIMERS = 1024;

    private final CachedCalls calls;
    private final ResponseRelay relay;
    private final ProblemWriter problems;
    private final int maxRequestBytes;
    private final boolean cacheOn;
    private final MeterRegistry meters;
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    ProxyHandler(CachedCalls calls, ResponseRelay relay, ProblemWriter problems, int maxRequestBytes, boolean cacheOn,
                 MeterRegistry meters) {
        this.calls = calls;
        this.relay = relay;
        this.problems = problems;
        this.maxRequestBytes = maxRequestBytes;
        this.cacheOn = cacheOn;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        RouteMatch match = exchange.getRequiredAttribute(MATCH);
        ServerHttpRequest request = exchange.getRequest();
        String method = request.getMethod().name();
        long start = System.nanoTime();
        String query = request.getURI().getRawQuery();
        String pathAndQuery = match.backendPath() + (query == null ? "" : "?" + query);
        return Mono.fromRunnable(() -> Negotiation.require(request.getHeaders(), match.route().spec().produces()))
                .then(body(request))
                .flatMap(body -> calls.call(match.route(), method, pathAndQuery,
                        CacheKeys.resourceOf(request.getURI().getRawPath()), exchange, body, cacheOn, true))
                .flatMap(response -> {
                    record(match, method, response.status(), start);
                    return relay.write(exchange, match.route(), response);
                })
                .onErrorResume(ProxyFailure.class, failure -> {
                    record(match, method, failure.problem().status().value(), start);
                    if (failure.problem().status().is5xxServerError()) {
                        TracedLog.write(exchange, () -> log.warn("Proxy request failed: route={} status={} type={}",
                                match.route().name(), failure.problem().status().value(), failure.problem().type()));
                    }
                    return problems.write(exchange, failure.problem(), failure.retryAfter());
                })
                .onErrorResume(DataBufferLimitException.class, e -> problems.write(exchange, Problem.of(
                        ProblemTypes.PAYLOAD_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, "The body is too large"), null));
    }

    private Mono<byte[]> body(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), maxRequestBytes)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(NO_BODY);
    }

    private void record(RouteMatch match, String method, int status, long start) {
        // one timer per route, method and status, looked up without building a meter id per request (bounded)
        String key = match.route().name() + ' ' + method + ' ' + status;
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = Timer.builder("tta.proxy.requests").tag("route", match.route().name()).tag("method", method)
                    .tag("status", Integer.toString(status)).register(meters);
            if (timers.size() < MAX_TIMERS) {
                timers.put(key, timer);
            }
        }
        timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
