package org.tta.gateway.proxy.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.tta.gateway.proxy.balance.Balancer;
import org.tta.gateway.proxy.balance.Instance;
import org.tta.gateway.proxy.balance.LatencyStats;
import org.tta.gateway.proxy.discovery.InstanceRegistry;
import org.tta.gateway.proxy.forward.Breakers;
import org.tta.gateway.proxy.route.Route;
import org.tta.gateway.proxy.route.RouteTable;
import org.tta.gateway.proxy.route.Routes;

/** The proxy as operators see it (role {@code ops}): routes, their instances and health, breaker states; reload on demand. */
@RestController
@RequestMapping("/api/v1/ops/routes")
class RoutesController {

    private final RouteTable table;
    private final InstanceRegistry registry;
    private final Balancer balancer;
    private final Breakers breakers;

    RoutesController(RouteTable table, InstanceRegistry registry, Balancer balancer, Breakers breakers) {
        this.table = table;
        this.registry = registry;
        this.balancer = balancer;
        this.breakers = breakers;
    }

    @GetMapping
    Map<String, Object> routes() {
        Routes routes = table.routes();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Route route : routes.byName().values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", route.name());
            r.put("paths", route.paths());
            r.put("service", route.service());
            r.put("timeoutMillis", route.spec().timeout().toMillis());
            r.put("retryMethods", route.spec().retryMethods().stream().sorted().toList());
            r.put("attempts", route.spec().attempts());
            r.put("cache", route.spec().cache());
            r.put("circuitBreaker", breakers.state(route.service()));
            r.put("instances", registry.instances(route).stream().map(this::instance).toList());
            list.add(r);
        }
        List<Map<String, Object>> composites = routes.composites().stream().map(c -> Map.<String, Object>of(
                "name", c.name(), "path", c.spec().path(), "parts", c.spec().parts())).toList();
        return Map.of("loadedAt", table.loadedAt().toString(), "enabled", routes.properties().enabled(),
                "routes", list, "composites", composites);
    }

    /** Re-reads the routes from the environment and the routes file; a bad configuration is refused (400) and the old one stays. */
    @PostMapping("/refresh")
    Map<String, Object> refresh() {
        try {
            Routes routes = table.reload();
            return Map.of("loadedAt", table.loadedAt().toString(), "routes", routes.byName().keySet());
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The new route configuration is invalid; the routes in force stay");
        }
    }

    private Map<String, Object> instance(Instance instance) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("id", instance.id());
        i.put("uri", instance.uri().toString());
        i.put("source", instance.source());
        i.put("health", instance.health().name());
        i.put("dependencies", instance.dependencies());
        i.put("expiresAt", instance.expiresAt() == null ? null : instance.expiresAt().toString());
        LatencyStats stats = balancer.peek(instance.statsKey());
        i.put("latencyEwmaMillis", stats == null ? 0.0 : stats.ewmaMillis());
        i.put("inFlight", stats == null ? 0 : stats.inFlight());
        i.put("requests", stats == null ? 0 : stats.requests());
        i.put("failures", stats == null ? 0 : stats.failures());
        return i;
    }
}
