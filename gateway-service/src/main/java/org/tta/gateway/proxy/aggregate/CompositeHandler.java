package org.tta.gateway.proxy.aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import org.springframework.web.util.UriUtils;
import org.tta.gateway.problem.Problem;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.proxy.CachedCalls;
import org.tta.gateway.proxy.Negotiation;
import org.tta.gateway.proxy.ProxyProblems;
import org.tta.gateway.proxy.cache.CacheKeys;
import org.tta.gateway.proxy.forward.BackendResponse;
import org.tta.gateway.proxy.forward.ProxyFailure;
import org.tta.gateway.proxy.route.CompositeSpec;
import org.tta.gateway.proxy.route.RouteMatch;
import org.tta.gateway.proxy.route.RouteTable;
import org.tta.gateway.proxy.route.Routes;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a composite GET from its parts in parallel, each through its route (with that route's
 * cache, breaker, retries and timeout) and within the composite's timeout. The answer is
 * {@code {"parts": {name: body}, "partial": bool, "failures": {name: {status, type}}}}: a part that
 * failed, timed out or was not JSON is left out of {@code parts} and named in {@code failures}.
 * When every part failed the answer is a 502 problem.
 */
public final class CompositeHandler implements WebHandler {

    public static final String MATCH = CompositeHandler.class.getName() + ".match";
    private static final byte[] NO_BODY = new byte[0];

    private final RouteTable routes;
    private final CachedCalls calls;
    private final ProblemWriter problems;
    private final JsonMapper json;
    private final boolean cacheOn;

    public CompositeHandler(RouteTable routes, CachedCalls calls, ProblemWriter problems, JsonMapper json, boolean cacheOn) {
        this.routes = routes;
        this.calls = calls;
        this.problems = problems;
        this.json = json;
        this.cacheOn = cacheOn;
    }

    private record PartResult(String name, JsonNode body, Map<String, Object> failure) {
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        Map.Entry<Routes.Composite, Map<String, String>> match = exchange.getRequiredAttribute(MATCH);
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method)) {
            return problems.write(exchange, Problem.of(org.tta.platform.problem.ProblemTypes.METHOD_NOT_ALLOWED,
                    HttpStatus.METHOD_NOT_ALLOWED, "A composite route answers GET only"), null);
        }
        CompositeSpec spec = match.getKey().spec();
        Routes snapshot = routes.routes();
        return Mono.fromRunnable(() -> Negotiation.require(exchange.getRequest().getHeaders(), List.of("application/json")))
                .thenMany(Flux.fromIterable(spec.parts().entrySet())
                        .flatMap(part -> part(snapshot, exchange, part.getKey(), expand(part.getValue().path(), match.getValue()), spec)))
                .collectList()
                .flatMap(results -> write(exchange, match.getKey().name(), results))
                .onErrorResume(ProxyFailure.class, f -> problems.write(exchange, f.problem(), f.retryAfter()));
    }

    private Mono<PartResult> part(Routes snapshot, ServerWebExchange exchange, String name, String path, CompositeSpec spec) {
        RouteMatch route = snapshot.match(path).orElse(null);
        if (route == null) {
            return Mono.just(new PartResult(name, null, Map.of("status", 502, "type", ProxyProblems.BACKEND_UNAVAILABLE.toString())));
        }
        return calls.call(route.route(), "GET", route.backendPath(), CacheKeys.resourceOf(path), exchange, NO_BODY, cacheOn, false)
                .timeout(spec.timeout())
                .map(response -> toResult(name, response))
                .onErrorResume(e -> Mono.just(new PartResult(name, null, failure(e))));
    }

    private PartResult toResult(String name, BackendResponse response) {
        MediaType type = response.contentType();
        if (response.status() != 200 || type == null || !type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return new PartResult(name, null, Map.of("status", response.status(), "type", ProxyProblems.BACKEND_ERROR.toString()));
        }
        try {
            return new PartResult(name, json.readTree(response.body()), null);
        } catch (RuntimeException e) {
            return new PartResult(name, null, Map.of("status", 502, "type", ProxyProblems.BACKEND_ERROR.toString()));
        }
    }

    private static Map<String, Object> failure(Throwable e) {
        if (e instanceof ProxyFailure f) {
            return Map.of("status", f.problem().status().value(), "type", f.problem().type().toString());
        }
        if (e instanceof TimeoutException) {
            return Map.of("status", 504, "type", ProxyProblems.BACKEND_TIMEOUT.toString());
        }
        return Map.of("status", 502, "type", ProxyProblems.BACKEND_ERROR.toString());
    }

    private Mono<Void> write(ServerWebExchange exchange, String composite, List<PartResult> results) {
        Map<String, Object> parts = new LinkedHashMap<>();
        Map<String, Object> failures = new LinkedHashMap<>();
        results.stream().sorted(java.util.Comparator.comparing(PartResult::name)).forEach(r -> {
            if (r.body() != null) {
                parts.put(r.name(), r.body());
            } else {
                failures.put(r.name(), r.failure());
            }
        });
        if (parts.isEmpty()) {
            return problems.write(exchange, Problem.of(ProxyProblems.COMPOSITE_FAILED, HttpStatus.BAD_GATEWAY,
                    "Every part of the composite failed").with("composite", composite).with("failures", failures), null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parts", parts);
        body.put("partial", !failures.isEmpty());
        body.put("failures", failures);
        byte[] bytes = json.writeValueAsBytes(body);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.OK);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }

    private static String expand(String template, Map<String, String> variables) {
        String path = template;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", UriUtils.encodePathSegment(v.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return path;
    }
}
