package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tta.gateway.proxy.balance.Balancer;
import org.tta.gateway.proxy.balance.Instance;

class BalancerTest {

    private static Instance instance(String name, Instance.Health health) {
        return new Instance("svc", name, URI.create("http://" + name + ":80"), "registered", health, Map.of(), Instant.MAX);
    }

    @Test
    void sendsMostRequestsToTheInstanceThatAnswersFastest() {
        Balancer balancer = new Balancer();
        Instance fast = instance("fast", Instance.Health.UP);
        Instance slow = instance("slow", Instance.Health.UP);
        Map<String, Integer> picks = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            Instance chosen = balancer.choose(List.of(fast, slow), Set.of());
            picks.merge(chosen.id(), 1, Integer::sum);
            var stats = balancer.stats(chosen);
            stats.start();
            stats.end(chosen == fast ? 1_000_000 : 50_000_000, false, 0);
        }
        assertThat(picks.getOrDefault("fast", 0)).isGreaterThan(190);
    }

    @Test
    void usesADegradedInstanceOnlyWhenNoHealthyOneIsLeft() {
        Balancer balancer = new Balancer();
        Instance up = instance("up", Instance.Health.UP);
        Instance degraded = instance("degraded", Instance.Health.DEGRADED);
        for (int i = 0; i < 50; i++) {
            assertThat(balancer.choose(List.of(up, degraded), Set.of())).isEqualTo(up);
        }
        assertThat(balancer.choose(List.of(up, degraded), Set.of(up.statsKey()))).isEqualTo(degraded);
        assertThat(balancer.choose(List.of(up, degraded), Set.of(up.statsKey(), degraded.statsKey()))).isNull();
    }

    @Test
    void refusesAmbiguousPaths() {
        for (String path : List.of("/api/v1/x/../y", "/api/v1/x/%2e%2e/y", "/api/v1/a%2Fb", "/api/v1/a%5cb", "/api/v1//x",
                "/api/v1/x;jsessionid=1", "/api/v1/x/%252e", "/api/v1/x/.", "/api/v1/a\\b", "/api/v1/a%00")) {
            assertThat(PathGuardFilter.safe(path)).as(path).isFalse();
        }
        assertThat(PathGuardFilter.safe("/api/v1/players/p-1.json")).isTrue();
        assertThat(PathGuardFilter.safe("/api/v1/players/Ada%20Lovelace")).isTrue();
    }
}
