package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tta.gateway.session.SessionDirectory;
import org.tta.gateway.support.Members;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;

/**
 * An SSE client that stops reading entirely (a raw socket with a small receive buffer that never reads
 * again): its writes never complete, so only the write-stall timeout ends its stream.
 */
@TtaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SseWriteStallIT {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tta.gateway.realtime.outbound-buffer", "16",
            "tta.gateway.realtime.write-stall-timeout", "2s");

    GatewayInstance gateway;
    Deliveries deliveries;

    @BeforeAll
    void start() {
        gateway = GatewayInstance.start(getClass(), SETTINGS);
        deliveries = new Deliveries(gateway.bean(TopicCatalog.class).name(TopicId.DELIVERIES));
    }

    @AfterAll
    void stop() {
        deliveries.close();
        gateway.close();
    }

    private double counted(String meter) {
        return gateway.bean(MeterRegistry.class).find(meter).tag("transport", "sse")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private int connectionsOf(String sessionId) {
        return gateway.bean(SessionHub.class).connectionsOf(sessionId).size();
    }

    @Test
    void dropsAnSseClientThatStopsReadingAndItResumesFromItsLastEventWithoutLoss() throws Exception {
        String alice = Tokens.aPatient("alice-stall");
        Members.ensure(gateway.bean(SessionDirectory.class), "rt-stall", alice);
        String path = "/api/v1/sessions/rt-stall/stream";
        double stallsBefore = counted("tta.gateway.realtime.write.stalls");
        double dropsBefore = counted("tta.gateway.realtime.buffer.drops");
        String last;
        List<String> unread;
        try (StalledSseClient stuck = StalledSseClient.open(gateway.port(), path, alice)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> connectionsOf("rt-stall") == 1);
            deliveries.send("rt-stall", 1, "read");
            last = stuck.readUntilFirstEventId();

            unread = deliveries.send("rt-stall", 400, "x".repeat(32 * 1024)); // far more than every buffer on the way

            // the gateway lets go of the connection, and of everything it held for it
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> connectionsOf("rt-stall") == 0);
            assertThat(counted("tta.gateway.realtime.write.stalls")).isEqualTo(stallsBefore + 1);
            assertThat(counted("tta.gateway.realtime.buffer.drops")).isEqualTo(dropsBefore + 1);
        }

        try (SseClient resumed = SseClient.connect("http://localhost:" + gateway.port() + path, alice, last)) {
            List<SseClient.Event> events = resumed.awaitNamed("event", unread.size());
            assertThat(events).hasSize(unread.size());
            for (int i = 0; i < unread.size(); i++) {
                assertThat(events.get(i).data()).as("event %d", i).contains(unread.get(i));
            }
        }
    }
}
