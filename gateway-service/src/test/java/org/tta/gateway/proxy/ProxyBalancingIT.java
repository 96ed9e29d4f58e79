package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.proxy.TestBackend.Reply;
import org.tta.gateway.proxy.balance.Balancer;
import org.tta.gateway.proxy.balance.LatencyStats;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Which instance gets a request: the fast one of a slow/fast pair gets most of the traffic once the
 * balancer has seen both answer; a GET whose instance refuses the connection is retried on another
 * one; a POST that got a 500 is never retried.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyBalancingIT {

    static final TestBackend FAST = TestBackend.echo("fast");
    static final TestBackend SLOW = TestBackend.start("slow", r -> Reply.json(200, "{\"backend\":\"slow\"}").after(Duration.ofMillis(50)));
    static final TestBackend ALIVE = TestBackend.echo("alive");
    static final String REFUSING = TestBackend.nowhere();
    static final AtomicInteger FAILED_POSTS = new AtomicInteger();
    static final TestBackend FAILING_A = TestBackend.start("failing-a", ProxyBalancingIT::failPosts);
    static final TestBackend FAILING_B = TestBackend.start("failing-b", ProxyBalancingIT::failPosts);

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String p = "tta.gateway.proxy.routes.";
        registry.add(p + "pair.paths[0]", () -> "/api/v1/pair");
        registry.add(p + "pair.instances[0]", SLOW::url);
        registry.add(p + "pair.instances[1]", FAST::url);
        registry.add(p + "refusing.paths[0]", () -> "/api/v1/refusing");
        registry.add(p + "refusing.instances[0]", () -> REFUSING);
        registry.add(p + "refusing.instances[1]", ALIVE::url);
        registry.add(p + "failing.paths[0]", () -> "/api/v1/failing");
        registry.add(p + "failing.instances[0]", FAILING_A::url);
        registry.add(p + "failing.instances[1]", FAILING_B::url);
    }

    @AfterAll
    static void stopBackends() {
        for (TestBackend b : new TestBackend[] {FAST, SLOW, ALIVE, FAILING_A, FAILING_B}) {
            b.close();
        }
    }

    private static Reply failPosts(TestBackend.Received r) {
        if ("POST".equals(r.method())) {
            FAILED_POSTS.incrementAndGet();
            return Reply.of(500, "text/plain", "boom");
        }
        return Reply.json(200, "{}");
    }

    @Autowired
    WebTestClient http;

    @Autowired
    Balancer balancer;

    private WebTestClient.RequestHeadersSpec<?> get(String path) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aPatient("lb-" + UUID.randomUUID()));
    }

    @Test
    void sendsMostRequestsToTheFasterInstanceOnceItHasSeenBothAnswer() {
        // warm-up: until the balancer has seen both answer and its estimates reflect their answer times. Peak-EWMA
        // takes a slow sample at once and forgets it over tau (10 s): a cold first answer of the fast instance (new
        // connection, JIT on a busy machine) can rank it behind the slow one for a few seconds, as it should.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            get("/api/v1/pair/w").exchange().expectStatus().isOk();
            LatencyStats fast = balancer.peek(FAST.url());
            LatencyStats slow = balancer.peek(SLOW.url());
            return fast != null && slow != null && slow.requests() > 0 && fast.cost() < slow.cost();
        });
        int slowBefore = SLOW.received.size();
        int fastBefore = FAST.received.size();
        int requests = 60;
        for (int i = 0; i < requests; i++) {
            get("/api/v1/pair/x").exchange().expectStatus().isOk();
        }
        int toFast = FAST.received.size() - fastBefore;
        int toSlow = SLOW.received.size() - slowBefore;
        assertThat(toFast + toSlow).isEqualTo(requests);
        // round-robin or random would give about half each
        assertThat(toFast).as("requests to the fast instance (slow got %d)", toSlow).isGreaterThanOrEqualTo(requests * 8 / 10);
    }

    @Test
    void retriesAGetOnAnotherInstanceWhenItsInstanceRefusesTheConnection() {
        int aliveBefore = ALIVE.received.size();
        AtomicInteger sent = new AtomicInteger();
        // every GET succeeds, including those whose first attempt went to the refusing instance
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            get("/api/v1/refusing/x").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.backend").isEqualTo("alive");
            sent.incrementAndGet();
            LatencyStats refused = balancer.peek(REFUSING);
            return refused != null && refused.failures() >= 1;
        });
        assertThat(ALIVE.received.size() - aliveBefore).isEqualTo(sent.get());
    }

    @Test
    void neverRetriesAPostThatGot500() {
        for (int i = 0; i < 5; i++) {
            int before = FAILED_POSTS.get();
            http.post().uri("/api/v1/failing/x").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aPatient("post-" + i))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.upstreamStatus").isEqualTo(500);
            assertThat(FAILED_POSTS.get() - before).isEqualTo(1);
        }
    }
}
