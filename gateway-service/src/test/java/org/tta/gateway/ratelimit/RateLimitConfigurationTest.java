package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import org.tta.gateway.problem.ProblemWriter;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The in-memory store of the standalone run, and switching rate limiting off. */
class RateLimitConfigurationTest {

    @EnableConfigurationProperties({RateLimitProperties.class, SharedStateProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, RateLimitConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(ProblemWriter.class, () -> new ProblemWriter(JsonMapper.builder().build()));

    @Test
    void limitsInThisJvmWithoutRedisWhenTheStoreIsInMemory() {
        runner.withPropertyValues("tta.redis.store=in-memory", "tta.gateway.rate-limits.ip.capacity=2",
                "tta.gateway.rate-limits.ip.refill=2", "tta.gateway.rate-limits.ip.period=1h").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RateLimitRedis.class);
            assertThat(context.getBean(BucketStore.class)).isInstanceOf(LocalBucketStore.class);
            assertThat(context.getBean(BlockList.class)).isInstanceOf(InMemoryBlockList.class);
            assertThat(context.getBean(EscalationRegistry.class)).isInstanceOf(InMemoryEscalationRegistry.class);

            IpLimitFilter filter = context.getBean(IpLimitFilter.class);
            assertThat(statusOf(filter)).isNull();
            assertThat(statusOf(filter)).isNull();
            assertThat(statusOf(filter)).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        });
    }

    @Test
    void addsNoFiltersWhenSwitchedOff() {
        runner.withPropertyValues("tta.gateway.rate-limits.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(IpLimitFilter.class).doesNotHaveBean(CallerLimitFilter.class)
                    .doesNotHaveBean(AuthFailureRecorder.class);
        });
    }

    @Test
    void bindsRouteAndRoleBudgetsFromProperties() {
        runner.withPropertyValues("tta.redis.store=in-memory",
                "tta.gateway.rate-limits.routes[0].name=messages",
                "tta.gateway.rate-limits.routes[0].path=/api/v1/sessions/*/messages",
                "tta.gateway.rate-limits.routes[0].method=post",
                "tta.gateway.rate-limits.routes[0].classes.participant.capacity=30",
                "tta.gateway.rate-limits.routes[0].classes.participant.refill=20",
                "tta.gateway.rate-limits.roles.clinical_reviewer.capacity=50",
                "tta.gateway.rate-limits.roles.clinical_reviewer.refill=50").run(context -> {
            RateLimitProperties properties = context.getBean(RateLimitProperties.class);
            RouteLimit route = properties.routes().get(0);
            assertThat(route.method()).isEqualTo("POST");
            assertThat(route.classes().get(PriorityClass.PARTICIPANT)).isEqualTo(Budget.of(30, 20, java.time.Duration.ofMinutes(1)));
            assertThat(properties.roles().get("clinical_reviewer").capacity()).isEqualTo(50);
        });
    }

    @Test
    void refusesToStartWithAnUnknownRole() {
        runner.withPropertyValues("tta.redis.store=in-memory", "tta.gateway.rate-limits.roles.superuser.capacity=5")
                .run(context -> assertThat(context).hasFailed());
    }

    /** The status the filter set, or null when it passed the request on. */
    private static HttpStatus statusOf(IpLimitFilter filter) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/x")
                .remoteAddress(new InetSocketAddress("198.51.100.1", 5000)));
        WebFilterChain passOn = ex -> Mono.empty();
        filter.filter(exchange, passOn).block();
        return exchange.getResponse().getStatusCode() == null ? null : HttpStatus.valueOf(exchange.getResponse().getStatusCode().value());
    }
}
