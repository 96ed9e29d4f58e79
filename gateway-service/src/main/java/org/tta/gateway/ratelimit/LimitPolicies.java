package org.tta.gateway.ratelimit;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.tta.gateway.identity.Caller;

/**
 * Picks the budget for a request from the configuration: the first matching route's role or class
 * budget, else the global role or class budget. Role budgets do not apply to a caller lifted into
 * the clinical class by an open escalation: that is what the clinical budget is for. Thread-safe.
 */
final class LimitPolicies {

    static final String USER = "user";
    static final String CLIENT = "client";
    static final String IP = "ip";
    private static final String ALL_ROUTES = "all";

    private final RateLimitProperties properties;
    private final List<CompiledRoute> routes;
    private final List<PathPattern> exempt;
    private final LimitPolicy ip;

    LimitPolicies(RateLimitProperties properties) {
        this.properties = properties;
        this.routes = properties.routes().stream().map(r -> new CompiledRoute(r, r.pattern())).toList();
        this.exempt = properties.exemptPaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.ip = new LimitPolicy(IP, IP, properties.ip());
    }

    boolean isExempt(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        for (PathPattern pattern : exempt) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    LimitPolicy ip() {
        return ip;
    }

    LimitPolicy forCaller(ServerHttpRequest request, Caller caller, PriorityClass priority) {
        return forCaller(request.getMethod().name(), request.getPath().pathWithinApplication(), caller, priority);
    }

    LimitPolicy forCaller(String method, PathContainer path, Caller caller, PriorityClass priority) {
        String dimension = caller.isService() ? CLIENT : USER;
        boolean byRole = priority == PriorityClassifier.byRole(caller);
        for (CompiledRoute route : routes) {
            if (route.limit().matches(route.pattern(), method, path)) {
                Budget budget = byRole ? route.limit().roles().get(caller.role()) : null;
                if (budget == null) {
                    budget = route.limit().classes().get(priority);
                }
                if (budget != null) {
                    return new LimitPolicy(route.limit().name() + "-" + dimension, route.limit().name(), budget);
                }
                break;
            }
        }
        Budget budget = byRole ? properties.roles().get(caller.role()) : null;
        if (budget == null) {
            budget = properties.classes().of(priority);
        }
        return new LimitPolicy(dimension, ALL_ROUTES, budget);
    }

    private record CompiledRoute(RouteLimit limit, PathPattern pattern) {
    }
}
