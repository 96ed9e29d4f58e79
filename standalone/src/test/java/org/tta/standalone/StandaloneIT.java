package org.tta.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, as the README shows it: a token from the dev issuer, a message
 * through the gateway, the record in the audit trail, and both workers seeing their topics.
 */
class StandaloneIT {

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
