package org.tta.router.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tta.router.support.RouterFixtures;
import org.tta.router.support.WebhookReceiver;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.subscription.DeliveryPolicy;
import org.tta.schemas.subscription.SubscriptionConfig;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.TestInfrastructure;
import org.tta.testkit.TestNamespace;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The router exec jar as a child process, killed with {@code destroyForcibly()} (SIGKILL) while a
 * batch is in flight and started again: no event is lost, webhook duplicates carry the same
 * {@code webhook-id}, and the Kafka sink holds every event exactly once for read_committed readers.
 */
@TtaIntegrationTest
class CrashRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int EVENTS = 400;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killChildren() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void losesNothingAndDuplicatesNothingInKafkaWhenKilledMidBatch(TestNamespace namespace) throws Exception {
        TopicCatalog topics = TopicCatalog.standard().withPrefix(namespace.topicPrefix());
        String sink = namespace.topicPrefix() + "crash.sink.v1";
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // The kill lands mid-stream whatever the machine's speed: the first quarter of the requests is answered,
            // every later one to the first router hangs (its five lanes stall), so it is killed with at most a
            // quarter plus one per session received; the second router's requests are all answered.
            AtomicInteger answered = new AtomicInteger();
            AtomicBoolean firstKilled = new AtomicBoolean();
            receiver.script("/crash", request -> firstKilled.get() || answered.incrementAndGet() <= EVENTS / 4
                    ? WebhookReceiver.Answer.OK.after(Duration.ofMillis(5)) : WebhookReceiver.Answer.HANG);
            int port = freePort();
            Process first = startRouter(namespace, port, "first");
            awaitMetric(port, "tta_router_subscriptions", 0);
            RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS),
                    RouterFixtures.aSubscription("crash-kafka", "kafka://" + sink, "cr-"));
            RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS),
                    RouterFixtures.aSubscription("crash-hook", receiver.url("/crash"), "cr-"));
            awaitMetric(port, "tta_router_subscriptions", 2);

            Set<String> sent = new HashSet<>();
            for (int batch = 0; batch < EVENTS / 20; batch++) {
                List<Map.Entry<String, CloudEvent>> events = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String session = "cr-" + (i % 5);
                    CloudEvent event = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{\"i\":" + i + "}");
                    events.add(Map.entry(session, event));
                    sent.add(event.getId());
                }
                RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), events);
            }

            Awaitility.await().atMost(WAIT).until(() -> receiver.received("/crash").size() >= EVENTS / 4);
            first.destroyForcibly().waitFor();
            firstKilled.set(true);
            int deliveredBeforeCrash = receiver.received("/crash").size();
            assertThat(deliveredBeforeCrash).isLessThan(EVENTS);

            startRouter(namespace, freePort(), "second");
            Awaitility.await().atMost(WAIT).until(() -> distinctIds(receiver, "/crash").containsAll(sent));

            assertSameIdsWithoutLossOrKafkaDuplicates(receiver, "/crash", sink, sent);
        }
    }

    @Test
    void losesNothingAndDuplicatesNothingInKafkaWhenKilledWhileOneSessionRetriesAndOthersProceed(
            TestNamespace classNamespace) throws Exception {
        // Topics, group and subscriptions of its own, apart from the other test's (the namespace is per class).
        TestNamespace namespace = new TestNamespace(classNamespace.id() + "retry");
        TopicCatalog topics = TopicCatalog.standard().withPrefix(namespace.topicPrefix());
        String sink = namespace.topicPrefix() + "crash.retry.sink.v1";
        AtomicBoolean accept = new AtomicBoolean(false);
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            AtomicInteger stuckAccepted = new AtomicInteger();
            receiver.script("/retry", request -> {
                if (!"cq-stuck".equals(request.header("ce-subject"))) {
                    return WebhookReceiver.Answer.OK;
                }
                if (!accept.get()) {
                    return WebhookReceiver.Answer.status(503);
                }
                stuckAccepted.incrementAndGet();
                return WebhookReceiver.Answer.OK;
            });
            int port = freePort();
            Process first = startRouter(namespace, port, "retry-first");
            awaitMetric(port, "tta_router_subscriptions", 0);
            RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS),
                    RouterFixtures.aSubscription("retry-kafka", "kafka://" + sink, "cq-"));
            // A retry budget (100 retries 1 to 2 s apart) that outlasts the test: the stuck event succeeds only
            // once the receiver accepts it, after the restart.
            RouterFixtures.putSubscription(topics.name(TopicId.SUBSCRIPTIONS), RouterFixtures.aSubscription(
                    "retry-hook", receiver.url("/retry"), "cq-", new SubscriptionConfig(null, new DeliveryPolicy(100,
                            DeliveryPolicy.LINEAR, Duration.ofSeconds(2), Duration.ofSeconds(2), null, null, null),
                            null, null)));
            awaitMetric(port, "tta_router_subscriptions", 2);

            CloudEvent stuck = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, "cq-stuck", "{}");
            RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), List.of(Map.entry("cq-stuck", stuck)));
            Awaitility.await().atMost(WAIT).until(() -> distinctIds(receiver, "/retry").contains(stuck.getId()));
            Set<String> others = new HashSet<>();
            List<Map.Entry<String, CloudEvent>> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String session = "cq-" + (i % 4);
                CloudEvent event = RouterFixtures.anEvent(EventTypes.SESSION_MESSAGE, session, "{\"i\":" + i + "}");
                events.add(Map.entry(session, event));
                others.add(event.getId());
            }
            RouterFixtures.sendInOneTransaction(topics.name(TopicId.SESSION_EVENTS), events);

            // The other sessions are served while the stuck one retries; their Kafka outputs and offsets wait
            // behind the stuck event, so the kill leaves them all uncommitted.
            Awaitility.await().atMost(WAIT).until(() -> distinctIds(receiver, "/retry").containsAll(others));
            first.destroyForcibly().waitFor();
            accept.set(true);

            startRouter(namespace, freePort(), "retry-second");
            Set<String> sent = new HashSet<>(others);
            sent.add(stuck.getId());
            Awaitility.await().atMost(WAIT).until(() -> stuckAccepted.get() > 0);

            assertSameIdsWithoutLossOrKafkaDuplicates(receiver, "/retry", sink, sent);
        }
    }

    private static void assertSameIdsWithoutLossOrKafkaDuplicates(WebhookReceiver receiver, String path, String sink,
            Set<String> sent) {
        List<WebhookReceiver.Received> requests = receiver.received(path);
        assertThat(requests).allSatisfy(r -> assertThat(r.header("webhook-id")).isEqualTo(r.header("ce-id")));
        assertThat(distinctIds(receiver, path)).isEqualTo(sent);
        try (KafkaProbe probe = KafkaProbe.on(TestInfrastructure.get().kafkaBootstrapServers(), sink)) {
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecords(sent.size(), WAIT);
            records.addAll(probe.pollFor(Duration.ofSeconds(3)));
            List<String> ids = records.stream().map(r -> KafkaProbe.header(r, "ce_id")).toList();
            assertThat(ids).hasSize(sent.size()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).isEqualTo(sent);
        }
    }

    private static Set<String> distinctIds(WebhookReceiver receiver, String path) {
        Set<String> ids = new HashSet<>();
        receiver.received(path).forEach(r -> ids.add(r.header("webhook-id")));
        return ids;
    }

    private Process startRouter(TestNamespace namespace, int port, String name) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no event-router exec jar in target/; run the package phase"));
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString()));
        TestInfrastructure.get().springProperties(namespace).forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + port);
        command.add("--tta.router.allow-http=LOOPBACK");
        command.add("--tta.router.group-id=" + namespace.topicPrefix() + "router");
        command.add("--tta.router.transactional-id=" + namespace.topicPrefix() + "router-0");
        command.add("--tta.router.max-poll-records=25");
        command.add("--logging.structured.format.console=");
        File log = Path.of("target", "crash-router-" + name + ".log").toFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        processes.add(process);
        return process;
    }

    private static void awaitMetric(int port, String name, double value) {
        HttpClient http = HttpClient.newHttpClient();
        Pattern line = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = line.matcher(body);
            return matcher.find() && Double.parseDouble(matcher.group(2)) == value;
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
