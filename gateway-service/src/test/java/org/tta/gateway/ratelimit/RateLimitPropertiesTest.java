package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.tta.gateway.identity.Caller;

class RateLimitPropertiesTest {

    private static final Budget SMALL = Budget.of(5, 5, Duration.ofMinutes(1));

    private static RateLimitProperties.ClassBudgets defaults() {
        return new RateLimitProperties.ClassBudgets(null, null, null, null);
    }

    private static RateLimitProperties properties(Map<String, Budget> roles, List<RouteLimit> routes) {
        return new RateLimitProperties(true, List.of("/actuator/**"), null, defaults(), roles, routes,
                new RateLimitProperties.BlockPolicy(Duration.ofMinutes(10), 20, Duration.ofMinutes(1), 30,
                        Duration.ofMinutes(1), Duration.ofSeconds(1)),
                new RateLimitProperties.Shedding(0.7, 0.85, 0.95, Duration.ofSeconds(5)), List.of(),
                new RateLimitProperties.RedisFallback(Duration.ofMillis(500), Duration.ofSeconds(5), 1000,
                        Duration.ofMinutes(10), Duration.ofSeconds(2), 64, 0.02, Duration.ofSeconds(1)));
    }

    @Test
    void givesClinicalTrafficTheLargestDefaultBudget() {
        RateLimitProperties.ClassBudgets classes = defaults();
        for (PriorityClass other : List.of(PriorityClass.PARTICIPANT, PriorityClass.ADMINISTRATIVE)) {
            assertThat(classes.clinical().capacity()).isGreaterThan(classes.of(other).capacity());
            assertThat(classes.clinical().ratePerSecond()).isGreaterThan(classes.of(other).ratePerSecond());
        }
    }

    @Test
    void refusesAClinicalBudgetSmallerThanThePatients() {
        assertThatThrownBy(() -> new RateLimitProperties.ClassBudgets(SMALL, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clinical");
    }

    @Test
    void refusesSheddingThresholdsThatWouldShedHigherClassesFirst() {
        assertThatThrownBy(() -> new RateLimitProperties.Shedding(0.9, 0.85, 0.95, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RateLimitProperties.Shedding(0.7, 0.85, 0.95, Duration.ofSeconds(5)).threshold(PriorityClass.CLINICAL))
                .isInfinite();
    }

    @Test
    void refusesUnknownRolesAndBadTrustedProxies() {
        assertThatThrownBy(() -> properties(Map.of("superuser", SMALL), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("superuser");
        assertThatThrownBy(() -> new RouteLimit("r", "/x", "POST", Map.of(), Map.of("nobody", SMALL)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void picksTheRouteBudgetThenTheRoleBudgetThenTheClassBudget() {
        Budget routePatients = Budget.of(7, 7, Duration.ofMinutes(1));
        Budget reviewers = Budget.of(9, 9, Duration.ofMinutes(1));
        LimitPolicies policies = new LimitPolicies(properties(Map.of("clinical_reviewer", reviewers),
                List.of(new RouteLimit("messages", "/api/v1/sessions/*/messages", "POST",
                        Map.of(PriorityClass.PARTICIPANT, routePatients), Map.of()))));
        Caller patient = new Caller("p", "patient", java.util.Set.of("patient"), java.util.Set.of(), null);
        Caller reviewer = new Caller("r", "clinical_reviewer", java.util.Set.of("clinical_reviewer"), java.util.Set.of(), null);
        var post = MockServerHttpRequest.post("/api/v1/sessions/s1/messages").build();
        var get = MockServerHttpRequest.get("/api/v1/sessions/s1/messages").build();

        assertThat(policies.forCaller(post, patient, PriorityClass.PARTICIPANT))
                .isEqualTo(new LimitPolicy("messages-user", "messages", routePatients));
        assertThat(policies.forCaller(get, patient, PriorityClass.PARTICIPANT).budget()).isEqualTo(defaults().participant());
        assertThat(policies.forCaller(post, patient, PriorityClass.CLINICAL).budget())
                .as("an escalated patient gets the clinical budget").isEqualTo(defaults().clinical());
        assertThat(policies.forCaller(get, reviewer, PriorityClass.ADMINISTRATIVE))
                .isEqualTo(new LimitPolicy("user", "all", reviewers));
        assertThat(policies.isExempt(MockServerHttpRequest.get("/actuator/health/readiness").build())).isTrue();
    }
}
