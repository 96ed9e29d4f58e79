package org.tta.router.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.tta.router.config.RouterProperties;
import org.tta.router.dispatch.RouterLoop;
import org.tta.router.subscription.SubscriptionTable;
import org.tta.router.support.RouterFixtures;
import org.tta.router.support.WebhookReceiver;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.PhysicalLimit;
import org.tta.testkit.TtaIntegrationTest;

/**
 * Not a test: routing throughput. For each sink (a Kafka topic, a local webhook receiver) and run,
 * the routing loop is stopped, a backlog of {@code bench.events} session events (~200 bytes, 64
 * sessions) is written, the subscription is put, and the loop is started again; the time to drain
 * the backlog (every event delivered: counted by the router's delivery counter for Kafka, by the
 * receiver for webhooks), from the first delivery on (joining the consumer group is left out), gives events/s. Broker, router and receiver share this JVM and its cores.
 * Over the same window, the router's {@code tta.router.commits} counter gives its transactions per second.
 * Between the warm-up and the measured runs, the physical limit is measured against the same broker
 * ({@link PhysicalLimit}: Kafka's ProducerPerformance, when {@code bench.limit.script} is set); its LIMIT lines
 * go to the results too.
 * Run it with {@code bench/router/run.sh} ({@code COMMIT_INTERVAL} sets {@code tta.router.commit-interval});
 * results go to {@code event-router/target/router-bench.txt}.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=event-router",
        "tta.router.allow-http=LOOPBACK",
        "tta.router.group-id=${tta.kafka.topic-prefix}bench",
        "tta.router.delivery.max-concurrency=64",
        "logging.level.org.tta=WARN"})
class RouterThroughputBench {

    private static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int SESSIONS = 64;

    @Autowired
    TopicCatalog topics;
    @Autowired
    RouterLoop loop;
    @Autowired
    SubscriptionTable table;
    @Autowired
    MeterRegistry meters;
    @Autowired
    RouterProperties router;
    @Value("${tta.kafka.topic-prefix}")
    String prefix;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // warm-up, not reported
            run("kafka", 0, receiver);
            run("webhook", 0, receiver);
            for (String limit : PhysicalLimit.measure(bootstrapServers, RUNS)) {
                report.append(limit).append('\n');
            }
            for (String sink : List.of("kafka", "webhook")) {
                List<Measured> runs = new ArrayList<>();
                for (int i = 1; i <= RUNS; i++) {
                    runs.add(run(sink, i, receiver));
                }
                List<Double> sorted = runs.stream().map(Measured::eventsPerSecond).sorted().toList();
                report.append(String.format(Locale.ROOT,
                        "%s events=%d runs=%s median=%.0f min=%.0f max=%.0f commits/s=%s commit-interval=%dms%n", sink,
                        EVENTS, joined(runs.stream().map(Measured::eventsPerSecond).toList()),
                        sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast(),
                        joined(runs.stream().map(Measured::commitsPerSecond).toList()),
                        router.commitInterval().toMillis()));
            }
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "router-bench.txt"), report);
    }

    /** One run: events routed per second, and the routing transactions committed per second meanwhile. */
    private record Measured(double eventsPerSecond, double commitsPerSecond) {
    }

    private static String joined(List<Double> values) {
        return String.join("/", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private Measured run(String sink, int run, WebhookReceiver receiver) throws Exception {
        String tag = "b" + sink.charAt(0) + run + "-";
        String id = "bench-" + sink + "-" + run;
        loop.stop();
        List<Map.Entry<String, CloudEvent>> chunk = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String session = tag + (i % SESSIONS);
            chunk.add(Map.entry(session, RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session,
                    "{\"text\":\"a benchmark message of roughly two hundred bytes, padded with words to look like chat\",\"n\":" + i + "}")));
            if (chunk.size() == 1000) {
                RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), chunk);
                chunk.clear();
            }
        }
        RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), chunk);
        String path = "/bench/" + run;
        RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS), RouterFixtures.aSubscription(id,
                sink.equals("kafka") ? "kafka://" + prefix + "bench.sink." + run : receiver.url(path), tag));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> table.get(id).isPresent());
        double before = delivered(id);
        java.util.function.IntSupplier done = () -> sink.equals("kafka") ? (int) (delivered(id) - before)
                : receiver.received(path).size();
        loop.start();
        // The clock starts at the first delivery: joining the consumer group is not routing.
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> done.getAsInt() > 0);
        long start = System.nanoTime();
        int first = done.getAsInt();
        double commitsBefore = commits();
        Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                done.getAsInt() >= EVENTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double commits = commits() - commitsBefore;
        RouterFixtures.deleteSubscription(topics.name(TopicId.SUBSCRIPTIONS), id);
        return new Measured((EVENTS - first) / seconds, commits / seconds);
    }

    private double commits() {
        Counter counter = meters.find("tta.router.commits").counter();
        return counter == null ? 0 : counter.count();
    }

    private double delivered(String id) {
        Counter counter = meters.find("tta.router.deliveries").tag("subscription", id).counter();
        return counter == null ? 0 : counter.count();
    }
}
