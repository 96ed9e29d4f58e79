package org.tta.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton end to end, as the README shows it: a token from the dev issuer, a message
 * through the gateway, the record in the audit trail, and both workers seeing their topics.
 */
class StandaloneIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static StandaloneApplication system;
    private static StandaloneSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTheWholeSystem() throws IOException {
        settings = new StandaloneSettings(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        system = new StandaloneApplication(settings);
        system.start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPostedMessageReachesTheAuditTrailAndBothWorkers() throws Exception {
        String therapist = get(issuer("/dev/token?sub=theo&roles=therapist"), null).body();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + settings.gatewayPort() + "/api/v1/sessions"))
                .header("Authorization", "Bearer " + therapist).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"participants\":[{\"subject\":\"alice\",\"role\":\"patient\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String session = created.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        String patient = get(issuer("/dev/token?sub=alice&roles=patient"), null).body();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + settings.gatewayPort() + "/api/v1/sessions/" + session + "/messages"))
                .header("Authorization", "Bearer " + patient).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Hello from the standalone\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(202);
        String eventId = posted.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        String reviewer = get(issuer("/dev/token?sub=rita&roles=clinical_reviewer"), null).body();
        URI audit = URI.create("http://localhost:" + settings.auditPort() + "/api/v1/audit/records?sessionId=" + session
                + "&reason=standalone-check");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get(audit, reviewer).body()).contains(eventId).contains("Hello from the standalone"));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(metrics(settings.safetyPort())).containsPattern("tta_worker_records_total\\{[^}]*type=\"org.tta.safety.scan.v1\"[^}]*} 1\\.0");
            assertThat(metrics(settings.routerPort())).containsPattern("tta_router_deliveries_total\\{[^}]*sink=\"participants\"[^}]*} 1\\.0");
        });
    }

    @Test
    void aParticipantsConsentChangesShowOnTheSessionTimelineAndInTheConsentReport() throws Exception {
        Instant from = Instant.now().minusSeconds(60);
        String therapist = get(issuer("/dev/token?sub=theo&roles=therapist"), null).body();
        HttpResponse<String> created = send("POST", gateway("/api/v1/sessions"), therapist,
                "{\"participants\":[{\"subject\":\"alice\",\"role\":\"patient\"}]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String session = JSON.readTree(created.body()).get("id").asString();

        String patient = get(issuer("/dev/token?sub=alice&roles=patient"), null).body();
        URI consent = gateway("/api/v1/sessions/" + session + "/consent");
        assertThat(send("PUT", consent, patient, "{\"consent\":\"granted\"}").statusCode()).isEqualTo(202);
        assertThat(send("PUT", consent, patient, "{\"consent\":\"revoked\"}").statusCode()).isEqualTo(202);

        String reviewer = get(issuer("/dev/token?sub=rita&roles=clinical_reviewer"), null).body();
        URI timeline = URI.create("http://localhost:" + settings.auditPort() + "/api/v1/audit/sessions/" + session
                + "/timeline?reason=consent-check");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> lane = new ArrayList<>();
            JSON.readTree(get(timeline, reviewer).body()).get("entries").forEach(entry -> {
                if ("consent".equals(entry.get("lane").asString())) {
                    lane.add(entry.get("action").asString() + " by " + entry.get("subjectId").asString());
                }
            });
            assertThat(lane).containsExactly("consent.granted by alice", "consent.revoked by alice");
        });
        URI report = URI.create("http://localhost:" + settings.auditPort() + "/api/v1/audit/reports/consent?from="
                + from + "&to=" + Instant.now().plusSeconds(3600) + "&reason=consent-check");
        List<String> reported = new ArrayList<>();
        JSON.readTree(get(report, reviewer).body()).get("rows").forEach(row -> {
            if (session.equals(row.get("sessionId").asString())) {
                reported.add(row.get("action").asString() + " by " + row.get("subjectId").asString());
            }
        });
        assertThat(reported).containsExactly("consent.granted by alice", "consent.revoked by alice");
    }

    @Test
    void everyServiceReportsReady() throws Exception {
        for (int port : new int[] {settings.gatewayPort(), settings.routerPort(), settings.safetyPort(), settings.auditPort()}) {
            HttpResponse<String> ready = get(URI.create("http://localhost:" + port + "/actuator/health/readiness"), null);
            assertThat(ready.statusCode()).as("readiness of port %d", port).isEqualTo(200);
        }
    }

    private String metrics(int port) throws Exception {
        return get(URI.create("http://localhost:" + port + "/actuator/prometheus"), null).body();
    }

    private URI issuer(String path) {
        return URI.create(system.issuer().issuerUri() + path);
    }

    private URI gateway(String path) {
        return URI.create("http://localhost:" + settings.gatewayPort() + path);
    }

    private HttpResponse<String> send(String method, URI uri, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
