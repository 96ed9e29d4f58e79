package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tta.gateway.proxy.route.CompositeSpec;
import org.tta.gateway.proxy.route.RouteSpec;
import org.tta.gateway.proxy.route.Routes;
import org.springframework.util.unit.DataSize;

class ProxyPropertiesTest {

    static RouteSpec route(String path, Set<String> retryMethods, String instance) {
        return new RouteSpec(List.of(path), "", List.of(URI.create(instance)), "", Duration.ofSeconds(5), retryMethods, 2,
                List.of("application/json"), null, new RouteSpec.CacheRule(false, Duration.ofSeconds(60), false));
    }

    static ProxyProperties properties(Map<String, RouteSpec> routes, Map<String, CompositeSpec> composites) {
        return new ProxyProperties(true, routes, composites, "", Duration.ofSeconds(5), DataSize.ofMegabytes(1),
                new ProxyProperties.Breaker(50, 20, 10, Duration.ofSeconds(10), 2),
                new ProxyProperties.Discovery(true, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(5)),
                new ProxyProperties.Cache(true, List.of("SESSION_EVENTS")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/sessions", "/api/v1/events", "/api/v1/subscriptions", "/api/v1/ops", "/api/v1/ops/lag",
            "/api/v1/sessions/x", "/api/v1", "/api/v1/../x", "/api/v1/Players", "/api/v1/*", "/players"})
    void refusesARoutePathThatCouldShadowTheGatewayOrIsNotAPlainPrefix(String path) {
        assertThatThrownBy(() -> properties(Map.of("r", route(path, Set.of("GET"), "http://localhost:1")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PATCH"})
    void refusesToRetryANonIdempotentMethod(String method) {
        assertThatThrownBy(() -> properties(Map.of("r", route("/api/v1/players", Set.of("GET", method), "http://localhost:1")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(method);
    }

    static Stream<String> badInstances() {
        return Stream.of("ftp://localhost:1", "http://user:pw@localhost:1", "http://localhost:1/?x=1", "localhost:1");
    }

    @ParameterizedTest
    @MethodSource("badInstances")
    void refusesAnInstanceThatIsNotAPlainHttpBaseUri(String instance) {
        assertThatThrownBy(() -> properties(Map.of("r", route("/api/v1/players", Set.of("GET"), instance)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/sessions/{id}", "/api/v1/ops/{x}"})
    void refusesACompositeOnAReservedPath(String path) {
        var routes = Map.of("players", route("/api/v1/players", Set.of("GET"), "http://localhost:1"));
        var composite = new CompositeSpec(path, Map.of("p", new CompositeSpec.Part("players", "/api/v1/players/{id}")), Duration.ofSeconds(1));
        assertThatThrownBy(() -> properties(routes, Map.of("c", composite))).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void matchesTheLongestPrefixOnASegmentBoundaryAndRewrites() {
        RouteSpec rewritten = new RouteSpec(List.of("/api/v2/players"), "players", List.of(URI.create("http://localhost:2")), "/v2",
                Duration.ofSeconds(5), Set.of("GET"), 2, List.of("application/json"), null, new RouteSpec.CacheRule(false, Duration.ofSeconds(60), false));
        Routes routes = new Routes(properties(Map.of(
                "players", route("/api/v1/players", Set.of("GET"), "http://localhost:1"),
                "stats", route("/api/v1/players/stats", Set.of("GET"), "http://localhost:3"),
                "players-v2", rewritten), Map.of()));
        assertThat(routes.match("/api/v1/players/p-1").orElseThrow().route().name()).isEqualTo("players");
        assertThat(routes.match("/api/v1/players/stats/x").orElseThrow().route().name()).isEqualTo("stats");
        assertThat(routes.match("/api/v1/playersx")).isEmpty();
        assertThat(routes.match("/api/v2/players/p-1").orElseThrow().backendPath()).isEqualTo("/v2/p-1");
        assertThat(routes.match("/api/v1/sessions/s-1")).isEmpty();
    }
}
