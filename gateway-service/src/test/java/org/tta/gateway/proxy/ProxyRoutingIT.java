package org.tta.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.proxy.TestBackend.Reply;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The reverse proxy against local backend servers: forwarding and versions, the front-door rules
 * (identity relayed, forwarding headers never trusted, hop-by-hop headers, trace context, problems,
 * size limits, negotiation, paths, smuggling), the faults (down, slow, flapping, 500 to GET and to
 * POST) and the ops view.
 */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "management.tracing.sampling.probability=1.0",
        "tta.gateway.proxy.breaker.sliding-window-size=4",
        "tta.gateway.proxy.breaker.minimum-calls=4",
        "tta.gateway.proxy.breaker.failure-rate-threshold=80",
        "tta.gateway.proxy.breaker.open-for=2s",
        "tta.gateway.proxy.breaker.half-open-calls=2"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class ProxyRoutingIT {

    static final TestBackend ECHO_A = TestBackend.echo("echo-a");
    static final TestBackend ECHO_B = TestBackend.echo("echo-b");
    static final TestBackend ECHO_V2 = TestBackend.echo("echo-v2");
    static final TestBackend AUDIT = TestBackend.start("audit", r -> r.header("Authorization") != null
            && r.header("Authorization").startsWith("Bearer ey")
            ? Reply.json(200, "{\"records\":[]}") : Reply.json(401, "{}"));
    /** The first of the pair to see a request id answers 500, the other 200: a failed first attempt, whichever instance it hits. */
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
    static final TestBackend FAIL_FIRST_A = TestBackend.start("ff-a", ProxyRoutingIT::failFirst);
    static final TestBackend FAIL_FIRST_B = TestBackend.start("ff-b", ProxyRoutingIT::failFirst);
    static final TestBackend SLOW = TestBackend.start("slow", r -> Reply.json(200, "{}").after(Duration.ofSeconds(3)));
    static final TestBackend FLAPPY = TestBackend.echo("flappy");
    static final TestBackend BIG = TestBackend.start("big", r -> {
        Reply reply = Reply.of(200, "application/json", "[\"" + "x".repeat(4000) + "\"]");
        return r.uri().endsWith("/chunked") ? reply.withHeaders(Map.of("X-Chunked", "1")) : reply;
    });
    static final TestBackend ERRORS = TestBackend.start("errors", r -> {
        if (r.uri().endsWith("/problem")) {
            return Reply.of(404, "application/problem+json", "{\"type\":\"https://players.example/no-such-player\",\"status\":404}");
        }
        if (r.uri().endsWith("/html")) {
            return Reply.of(404, "text/html", "<h1>Not here</h1>");
        }
        return Reply.of(500, "text/plain", "java.lang.NullPointerException at Secret.java:42");
    });
    /** Negotiates like many backends: JSON when asked for it, XML otherwise. */
    static final TestBackend FORMATS = TestBackend.start("formats", r -> r.header("Accept") != null && r.header("Accept").contains("application/json")
            ? Reply.json(200, "{\"format\":\"json\"}") : Reply.of(200, "application/xml", "<format>xml</format>"));
    static final TestBackend HOPS = TestBackend.start("hops", r -> Reply.json(200, "{}")
            .withHeaders(Map.of("Keep-Alive", "timeout=5", "Proxy-Authenticate", "Basic", "X-Backend", "yes")));

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String p = "tta.gateway.proxy.routes.";
        registry.add(p + "echo.paths[0]", () -> "/api/v1/echo");
        registry.add(p + "echo.instances[0]", ECHO_A::url);
        registry.add(p + "echo.instances[1]", ECHO_B::url);
        registry.add(p + "echo-v2.paths[0]", () -> "/api/v2/echo");
        registry.add(p + "echo-v2.instances[0]", ECHO_V2::url);
        registry.add(p + "audit.instances[0]", AUDIT::url);
        registry.add(p + "twice.paths[0]", () -> "/api/v1/twice");
        registry.add(p + "twice.instances[0]", FAIL_FIRST_A::url);
        registry.add(p + "twice.instances[1]", FAIL_FIRST_B::url);
        registry.add(p + "slow.paths[0]", () -> "/api/v1/slow");
        registry.add(p + "slow.instances[0]", SLOW::url);
        registry.add(p + "slow.timeout", () -> "300ms");
        registry.add(p + "down.paths[0]", () -> "/api/v1/down");
        registry.add(p + "down.instances[0]", TestBackend::nowhere);
        registry.add(p + "flappy.paths[0]", () -> "/api/v1/flappy");
        registry.add(p + "flappy.instances[0]", FLAPPY::url);
        registry.add(p + "big.paths[0]", () -> "/api/v1/big");
        registry.add(p + "big.instances[0]", BIG::url);
        registry.add(p + "big.max-response-size", () -> "1KB");
        registry.add(p + "errors.paths[0]", () -> "/api/v1/errors");
        registry.add(p + "errors.instances[0]", ERRORS::url);
        registry.add(p + "formats.paths[0]", () -> "/api/v1/formats");
        registry.add(p + "formats.instances[0]", FORMATS::url);
        registry.add(p + "formats.produces[0]", () -> "application/xml");
        registry.add(p + "formats.produces[1]", () -> "application/json");
        registry.add(p + "hops.paths[0]", () -> "/api/v1/hops");
        registry.add(p + "hops.instances[0]", HOPS::url);
    }

    @AfterAll
    static void stopBackends() {
        for (TestBackend b : new TestBackend[] {ECHO_A, ECHO_B, ECHO_V2, AUDIT, FAIL_FIRST_A, FAIL_FIRST_B, SLOW, FLAPPY, BIG, ERRORS, FORMATS, HOPS}) {
            b.close();
        }
    }

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    private static Reply failFirst(TestBackend.Received r) {
        String id = r.header("X-Request-Id");
        return id != null && SEEN.add(id) ? Reply.of(500, "text/plain", "first attempt fails") : Reply.json(200, "{\"ok\":true}");
    }

    private static String bearer(String sub) {
        return "Bearer " + Tokens.aPatient(sub);
    }

    private WebTestClient.RequestHeadersSpec<?> get(String path, String sub) {
        return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(sub));
    }

    @Test
    void forwardsToEveryInstanceOfTheRouteWithPathAndQuery() {
        for (int i = 0; i < 20; i++) {
            http.get().uri(java.net.URI.create("http://localhost:" + port + "/api/v1/echo/items/7?x=1&y=%20z")).header(HttpHeaders.AUTHORIZATION, bearer("lb")).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_JSON)
                    .expectBody().jsonPath("$.uri").isEqualTo("/api/v1/echo/items/7?x=1&y=%20z");
        }
        assertThat(ECHO_A.received).isNotEmpty();
        assertThat(ECHO_B.received).isNotEmpty();
    }

    @Test
    void servesVersionedPathsSideBySide() {
        get("/api/v2/echo/items/7", "versions").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("echo-v2");
        get("/api/v1/echo/items/7", "versions").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.backend").value(b -> assertThat((String) b).startsWith("echo-"))
                .jsonPath("$.backend").value(b -> assertThat((String) b).isNotEqualTo("echo-v2"));
    }

    @Test
    void relaysTheBearerTokenToTheAuditSinkRouteAndNeverCallsItWithoutOne() {
        String token = Tokens.aReviewer("reviewer-1");
        http.get().uri("/api/v1/audit/sessions/s-1/records").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.records").isArray();
        assertThat(AUDIT.received).hasSize(1);
        assertThat(AUDIT.received.getFirst().header("Authorization")).isEqualTo("Bearer " + token);
        http.get().uri("/api/v1/audit/sessions/s-1/records").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(AUDIT.received).hasSize(1);
    }

    @Test
    void setsForwardingHeadersItselfAndNeverTrustsThemFromOutside() {
        String id = UUID.randomUUID().toString();
        get("/api/v1/echo/who", "fwd").header("X-Request-Id", id)
                .header("X-Forwarded-For", "6.6.6.6").header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "gopher").header("Forwarded", "for=6.6.6.6;host=evil.example")
                .header("X-Real-IP", "6.6.6.6").header("X-TTA-Caller", "admin")
                .exchange().expectStatus().isOk();
        TestBackend.Received r = received(id);
        assertThat(r.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(r.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(r.header("X-Forwarded-Host")).isEqualTo("localhost:" + port);
        assertThat(r.header("Forwarded")).isEqualTo("for=127.0.0.1;host=\"localhost:" + port + "\";proto=http");
        assertThat(r.headers().getAll("X-Forwarded-For")).hasSize(1);
        assertThat(r.header("X-Real-IP")).isNull();
        assertThat(r.header("X-TTA-Caller")).isNull();
    }

    @Test
    void stripsHopByHopHeadersBothWays() {
        String id = UUID.randomUUID().toString();
        get("/api/v1/echo/hop", "hop").header("X-Request-Id", id)
                .header("Connection", "keep-alive, X-Secret-Hop").header("X-Secret-Hop", "1")
                .header("Proxy-Authorization", "Basic Zm9vOmJhcg==").header("TE", "trailers")
                .exchange().expectStatus().isOk();
        TestBackend.Received r = received(id);
        assertThat(r.header("X-Secret-Hop")).isNull();
        assertThat(r.header("Proxy-Authorization")).isNull();
        assertThat(r.header("TE")).isNull();
        get("/api/v1/hops", "hop").exchange().expectStatus().isOk()
                .expectHeader().doesNotExist("Keep-Alive")
                .expectHeader().doesNotExist("Proxy-Authenticate")
                .expectHeader().valueEquals("X-Backend", "yes");
    }

    @Test
    void propagatesTheTraceContextToTheBackend() {
        String id = UUID.randomUUID().toString();
        EntityExchangeResult<byte[]> result = get("/api/v1/echo/trace", "trace").header("X-Request-Id", id)
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .exchange().expectStatus().isOk().expectBody().returnResult();
        String traceparent = received(id).header("traceparent");
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(traceparent).contains(result.getResponseHeaders().getFirst("X-Trace-Id"));
        assertThat(traceparent).startsWith("00-0af7651916cd43dd8448eb211c80319c-").doesNotContain("b7ad6b7169203331");
    }

    @Test
    void proxiedAnswersCarryTheSecurityHeadersAndTheRateLimitState() {
        get("/api/v1/echo/headers", "sec").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueMatches("Strict-Transport-Security", "max-age=\\d+; includeSubDomains")
                .expectHeader().exists("RateLimit");
    }

    @Test
    void retriesAGetThatGot500OnAnotherInstance() {
        for (int i = 0; i < 4; i++) {
            String id = UUID.randomUUID().toString();
            get("/api/v1/twice/x", "retry").header("X-Request-Id", id).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
            assertThat(FAIL_FIRST_A.withHeader("X-Request-Id", id)).hasSize(1);
            assertThat(FAIL_FIRST_B.withHeader("X-Request-Id", id)).hasSize(1);
        }
    }

    @Test
    void neverRetriesAPostThatGot500() {
        String id = UUID.randomUUID().toString();
        http.post().uri("/api/v1/twice/x").header(HttpHeaders.AUTHORIZATION, bearer("post")).header("X-Request-Id", id)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"a\":1}").exchange()
                .expectStatus().isEqualTo(502)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/backend-error")
                .jsonPath("$.upstreamStatus").isEqualTo(500);
        assertThat(FAIL_FIRST_A.withHeader("X-Request-Id", id).size() + FAIL_FIRST_B.withHeader("X-Request-Id", id).size()).isEqualTo(1);
        TestBackend.Received r = FAIL_FIRST_A.withHeader("X-Request-Id", id).isEmpty()
                ? FAIL_FIRST_B.withHeader("X-Request-Id", id).getFirst() : FAIL_FIRST_A.withHeader("X-Request-Id", id).getFirst();
        assertThat(r.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void answers504ProblemWhenTheBackendIsTooSlow() {
        get("/api/v1/slow/x", "slow").exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/backend-timeout")
                .jsonPath("$.route").isEqualTo("slow");
    }

    @Test
    void answers503WithTheBreakerStateAndRetryAfterWhenTheBackendIsDown() {
        get("/api/v1/down/x", "down").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/backend-unavailable")
                .jsonPath("$.circuitBreaker").exists();
    }

    @Test
    void opensHalfOpensAndClosesTheBreakerOfAFlappingBackend() {
        FLAPPY.behaviour = r -> Reply.of(500, "text/plain", "down");
        for (int i = 0; i < 4; i++) {
            get("/api/v1/flappy/x", "flap").exchange().expectStatus().isEqualTo(502);
        }
        int seen = FLAPPY.received.size();
        get("/api/v1/flappy/x", "flap").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody().jsonPath("$.circuitBreaker").isEqualTo("OPEN");
        assertThat(FLAPPY.received).hasSize(seen);
        assertThat(breakerOf("flappy")).isEqualTo("OPEN");

        FLAPPY.behaviour = r -> Reply.json(200, "{\"up\":true}");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                get("/api/v1/flappy/x", "flap").exchange().returnResult(String.class).getStatus().value() == 200);
        assertThat(breakerOf("flappy")).isEqualTo("HALF_OPEN");
        get("/api/v1/flappy/x", "flap").exchange().expectStatus().isOk();
        assertThat(breakerOf("flappy")).isEqualTo("CLOSED");
    }

    @Test
    void refusesAnOversizedResponseWith502AndRelaysNoneOfIt() {
        for (String path : new String[] {"/api/v1/big/declared", "/api/v1/big/chunked"}) {
            get(path, "big").exchange()
                    .expectStatus().isEqualTo(502)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("https://problems.tta.org/response-too-large").doesNotContain("xxxx"));
        }
    }

    @Test
    void refusesAnOversizedRequestWith413BeforeTheBackend() {
        int before = ECHO_A.received.size() + ECHO_B.received.size();
        http.post().uri("/api/v1/echo/upload").header(HttpHeaders.AUTHORIZATION, bearer("upload"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(new byte[300_000]).exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(ECHO_A.received.size() + ECHO_B.received.size()).isEqualTo(before);
    }

    @Test
    void passesABackendProblemThroughAndWrapsAnyOtherErrorBody() {
        get("/api/v1/errors/problem", "err").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://players.example/no-such-player");
        get("/api/v1/errors/html", "err").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/backend-error")
                .jsonPath("$.upstreamStatus").isEqualTo(404);
        get("/api/v1/errors/boom", "err").exchange()
                .expectStatus().isEqualTo(502)
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("https://problems.tta.org/backend-error").doesNotContain("NullPointerException"));
    }

    @Test
    void answersJsonWhenTheRequestHasNoAcceptHeader() throws Exception {
        // a raw request: client libraries add "Accept: */*" of their own
        String answer = RawHttp.send(port, "GET /api/v1/formats/f-1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + bearer("neg-default") + "\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT)).contains("content-type: application/json");
        assertThat(answer).contains("{\"format\":\"json\"}").doesNotContain("<format>");
        assertThat(FORMATS.received.getLast().header("Accept")).isEqualTo("application/json");
        get("/api/v1/formats/f-2", "neg-default").header(HttpHeaders.ACCEPT, "application/xml").exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_XML);
        get("/api/v1/formats/f-3", "neg-default").header(HttpHeaders.ACCEPT, "text/csv").exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/not-acceptable");
    }

    @Test
    void answers406ProblemForAnAcceptItDoesNotOffer() {
        get("/api/v1/echo/x", "neg").header(HttpHeaders.ACCEPT, "text/html").exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://problems.tta.org/not-acceptable");
        get("/api/v1/echo/x", "neg").header(HttpHeaders.ACCEPT, "text/html, application/*;q=0.5").exchange()
                .expectStatus().isOk();
    }

    @Test
    void neverShadowsTheGatewaysOwnApis() {
        http.get().uri("/api/v1/sessions/s-404").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.aTherapist("shadow")).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(403, 404))
                .expectBody().jsonPath("$.type").value(type -> assertThat((String) type)
                        .isIn("https://problems.tta.org/not-found", "https://problems.tta.org/not-a-participant"));
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/ops/routes").header(HttpHeaders.AUTHORIZATION, bearer("shadow")).exchange()
                .expectStatus().isForbidden();
        assertThat(ECHO_A.received.stream().noneMatch(r -> r.uri().startsWith("/api/v1/sessions"))).isTrue();
    }

    @Test
    void showsRoutesInstancesAndBreakersToOperators() {
        http.get().uri("/api/v1/ops/routes").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.anOperator("op")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.routes[?(@.name == 'echo')].instances.length()").isEqualTo(2)
                .jsonPath("$.routes[?(@.name == 'echo')].circuitBreaker").isEqualTo("CLOSED")
                .jsonPath("$.routes[?(@.name == 'audit')].service").isEqualTo("audit-sink")
                .jsonPath("$.routes[?(@.name == 'escalations')].paths[0]").isEqualTo("/api/v1/escalations")
                .jsonPath("$.routes[?(@.name == 'dead-letters')].instances[0].uri").isEqualTo("http://localhost:8081");
    }

    @Test
    void rejectsTraversalAndEncodedSlashesWith400BeforeTheBackend() throws Exception {
        int before = ECHO_A.received.size() + ECHO_B.received.size();
        String token = bearer("paths");
        for (String path : new String[] {"/api/v1/echo/../sessions", "/api/v1/echo/%2e%2e/sessions", "/api/v1/echo/a%2Fb",
                "/api/v1/echo/a%2fb", "/api/v1/echo/%252e%252e/x", "/api/v1/echo/a%5Cb", "/api/v1/echo/./x", "/api/v1/echo/a;x=1"}) {
            String answer = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + token
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("https://problems.tta.org/invalid-path");
        }
        assertThat(ECHO_A.received.size() + ECHO_B.received.size()).isEqualTo(before);
    }

    /** Framing the gateway and a backend could read differently: each must be refused before any route sees it. */
    static java.util.stream.Stream<String> ambiguousFraming() {
        return java.util.stream.Stream.of(
                "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n",
                "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                "Content-Length: 4\r\nContent-Length: 5\r\n");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("ambiguousFraming")
    void refusesAmbiguousFramingWithAProblemAndClosesTheConnectionBeforeTheBackend(String framing) throws Exception {
        int before = ECHO_A.received.size() + ECHO_B.received.size();
        String smuggled = "GET /api/v1/echo/smuggled HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("smuggle") + "\r\n\r\n";
        String answer = RawHttp.send(port, "POST /api/v1/echo/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("smuggle")
                + "\r\nContent-Type: application/json\r\n" + framing + "\r\n"
                + "0\r\n\r\n" + smuggled);
        assertThat(answer).startsWith("HTTP/1.1 400");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/problem+json").contains("connection: close");
        assertThat(answer).contains("\"type\":\"https://problems.tta.org/malformed-request\"").contains("\"status\":400");
        assertThat(answer.split("HTTP/1\\.1 \\d{3} ", -1)).as("one status line: the smuggled request is never answered").hasSize(2);
        assertThat(ECHO_A.received.size() + ECHO_B.received.size()).isEqualTo(before);
    }

    private String breakerOf(String route) {
        String body = http.get().uri("/api/v1/ops/routes").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.anOperator("op"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        for (var r : json.get("routes")) {
            if (route.equals(r.get("name").asString())) {
                return r.get("circuitBreaker").asString();
            }
        }
        throw new AssertionError("no route " + route);
    }

    private static TestBackend.Received received(String requestId) {
        return java.util.stream.Stream.of(ECHO_A, ECHO_B).flatMap(b -> b.withHeader("X-Request-Id", requestId).stream())
                .findFirst().orElseThrow();
    }
}
