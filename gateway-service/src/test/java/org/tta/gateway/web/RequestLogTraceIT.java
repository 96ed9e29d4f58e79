package org.tta.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.payload.Participant;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.Tokens;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every log line written while serving a request carries the request's trace id, also on the Reactor threads the
 * request's work moves to, under the gateway's own configuration (context propagation {@code limited}: no thread
 * local follows a request, the line puts the trace into the MDC itself). The lines are read back from the gateway's
 * structured (ECS) console output; they never contain the message text or the token.
 *
 * <p>Two request-scoped failures that log: a message post Kafka cannot take (no broker on the port: 503, answered on a
 * {@code parallel} thread after the committer gave up) and a proxied call to a backend that is not there (answered
 * on an event loop).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.producer.properties.max.block.ms=1000",
        "tta.kafka.create-topics=false",
        "tta.gateway.ingest.publish-timeout=3s",
        "tta.gateway.proxy.routes.down.paths[0]=/api/v1/down"})
@AutoConfigureWebTestClient(timeout = "PT30S")
@ExtendWith(OutputCaptureExtension.class)
class RequestLogTraceIT {

    private static final TestNamespace NAMESPACE = TestInfrastructure.get().newNamespace("logtrace");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "only alice knows this sentence";
    /** A Reactor scheduler's or Reactor Netty's thread, never the caller's. */
    private static final String REACTOR_THREAD = "(parallel|reactor-http-[a-z]+)-\\d+";

    @Autowired
    WebTestClient http;

    @Autowired
    SessionDirectory sessions;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        var issuer = TestInfrastructure.get().issuer();
        registry.add("spring.data.redis.url", TestInfrastructure.get()::redisUri);
        registry.add("tta.redis.key-prefix", NAMESPACE::redisKeyPrefix);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer.issuerUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.jwksUri().toString());
        registry.add("tta.gateway.proxy.routes.down.instances[0]", RequestLogTraceIT::nowhere);
    }

    @Test
    void runsWithLimitedContextPropagation() {
        // the premise of the other tests: nothing carries the trace across Reactor operators by itself
        assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
    }

    @Test
    void aFailedMessagePostIsLoggedOnAReactorThreadWithItsTraceIdAndNeitherTheTextNorTheToken(CapturedOutput output) {
        String token = Tokens.aPatient("alice");
        Members.ensure(sessions, "session-traced", Participant.patient("alice"));

        String traceId = http.post().uri("/api/v1/sessions/{id}/messages", "session-traced")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\":\"" + SECRET + "\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().returnResult().getResponseHeaders().getFirst("X-Trace-Id");

        JsonNode line = onlyLine(output, "Request failed: status=503", "/api/v1/sessions/session-traced/messages");
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(line.path(TracedLog.TRACE_ID).asString()).as("the trace id of %s", line).isEqualTo(traceId);
        assertThat(line.path(TracedLog.SPAN_ID).asString()).matches("[0-9a-f]{16}");
        assertThat(thread(line)).matches(REACTOR_THREAD);
        assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain(token);
    }

    @Test
    void aFailedProxyCallIsLoggedOnAReactorThreadWithItsTraceId(CapturedOutput output) {
        String traceId = http.get().uri("/api/v1/down/players")
                .header("Authorization", "Bearer " + Tokens.aPatient("bob"))
                .exchange()
                .expectStatus().is5xxServerError()
                .expectBody().returnResult().getResponseHeaders().getFirst("X-Trace-Id");

        JsonNode line = onlyLine(output, "Proxy request failed: route=down", "");
        assertThat(line.path(TracedLog.TRACE_ID).asString()).as("the trace id of %s", line).isEqualTo(traceId);
        assertThat(thread(line)).matches(REACTOR_THREAD);
    }

    /** The one structured line whose message starts with {@code prefix} and contains {@code part}. */
    private static JsonNode onlyLine(CapturedOutput output, String prefix, String part) {
        List<JsonNode> lines = output.getOut().lines()
                .filter(text -> text.startsWith("{"))
                .map(JSON::readTree)
                .filter(json -> json.path("message").asString().startsWith(prefix)
                        && json.path("message").asString().contains(part))
                .toList();
        assertThat(lines).as("log lines starting with '%s' in:%n%s", prefix, output.getOut()).hasSize(1);
        return lines.get(0);
    }

    private static String thread(JsonNode line) {
        return line.path("process").path("thread").path("name").asString();
    }

    private static String nowhere() {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).bindNow();
        String url = "http://127.0.0.1:" + server.port();
        server.disposeNow();
        return url;
    }
}
