package org.tta.safety.bench;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * Load driver of {@code bench/safety/run.sh}, in two phases against a running safety-worker, with texts of the
 * evaluation set (its safe messages, and its high and imminent ones as crises) so the real rules do real work:
 * <ol>
 * <li>steady: {@code rate} scans/s for {@code seconds} per run (one scan in {@code crisisEvery} a crisis, each
 * crisis in a new session); the sustained verdicts/s, and the time from each crisis scan's record timestamp
 * (producer CreateTime) to its {@code opened} escalation being visible to a {@code read_committed} consumer;</li>
 * <li>burst: {@code scansPerBurst} scans as fast as the producer can; the time to drain them (last verdict).</li>
 * </ol>
 * Each phase has one warm-up run, then {@code runs} measured. Prints two Markdown tables (median, min, max).
 * Arguments: bootstrap topicPrefix scansPerBurst scansPerSession crisisEvery runs rate seconds.
 */
public final class SafetyBench {

    private static final List<String> SAFE = new ArrayList<>();
    private static final List<String> CRISIS = new ArrayList<>();

    record Result(double scansPerSecond, double p50, double p99, double max, int escalations, double drainSeconds) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        TopicCatalog topics = TopicCatalog.standard().withPrefix(args[1]);
        int burst = Integer.parseInt(args[2]);
        int perSession = Integer.parseInt(args[3]);
        int crisisEvery = Integer.parseInt(args[4]);
        int runs = Integer.parseInt(args[5]);
        int rate = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        loadTexts();
        Map<String, Object> producerConfig = new HashMap<>(TtaCloudEvents.producerSerializerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(producerConfig, false);
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serializer);
                Reader reader = new Reader(bootstrap, topics)) {
            System.err.println("warm-up steady run");
            steady(producer, reader, topics, rate, Math.max(5, seconds / 2), crisisEvery);
            List<Result> steady = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Result result = steady(producer, reader, topics, rate, seconds, crisisEvery);
                System.err.printf(Locale.ROOT, "steady run %d: %.0f scans/s, escalation p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d escalations)%n",
                        run, result.scansPerSecond(), result.p50(), result.p99(), result.max(), result.escalations());
                steady.add(result);
            }
            System.err.println("warm-up burst");
            burst(producer, reader, topics, burst, perSession, crisisEvery);
            List<Result> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Result result = burst(producer, reader, topics, burst, perSession, crisisEvery);
                System.err.printf(Locale.ROOT, "burst run %d: %.0f scans/s, drained in %.1f s, escalation p99 %.0f ms (%d escalations)%n",
                        run, result.scansPerSecond(), result.drainSeconds(), result.p99(), result.escalations());
                results.add(result);
            }
            System.out.println(steadyTable(steady, rate, seconds));
            System.out.println(table(results, burst));
        }
    }

    /**
     * The evaluation set's texts (test classpath): as safe scans those the shipped rules leave at none, as crises the
     * high or imminent ones the rules escalate (so every crisis sent must open an escalation).
     */
    private static void loadTexts() throws java.io.IOException {
        var classifier = org.tta.safety.classify.Fixtures.rulesOnlyClassifier();
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        try (var in = SafetyBench.class.getResourceAsStream("/eval/messages.jsonl")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                var node = json.readTree(line);
                String text = node.get("text").asString();
                String tier = node.get("tier").asString();
                if (text.isBlank()) {
                    continue;
                }
                var decided = classifier.classify(org.tta.safety.classify.Fixtures.aMessage(text)).tier();
                if ("none".equals(tier) && decided == org.tta.safety.classify.Tier.NONE) {
                    SAFE.add(text);
                } else if (("high".equals(tier) || "imminent".equals(tier)) && decided.escalates()) {
                    CRISIS.add(text);
                }
            }
        }
    }

    /** {@code rate} scans/s for {@code seconds}, paced in 10 ms slots; every crisis in a session of its own. */
    private static Result steady(KafkaProducer<String, CloudEvent> producer, Reader reader, TopicCatalog topics, int rate,
            int seconds, int crisisEvery) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Set<String> crisisScans = ConcurrentHashMap.newKeySet();
        reader.expect(sentAt.keySet(), crisisScans);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pool.add("bench-" + EventIds.newId());
        }
        int total = rate * seconds;
        Thread sender = Thread.ofPlatform().name("bench-sender").start(() -> {
            long start = System.nanoTime();
            for (int n = 0; n < total; n++) {
                long due = start + (long) (n * 1_000_000_000.0 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                boolean crisis = n % crisisEvery == 0;
                String session = crisis ? "bench-" + EventIds.newId() : pool.get(n % pool.size());
                String text = crisis ? CRISIS.get(n % CRISIS.size()) : SAFE.get(n % SAFE.size());
                String scanId = EventIds.newId();
                if (crisis) {
                    crisisScans.add(scanId);
                }
                send(producer, topics, session, scanId, text, sentAt);
            }
            producer.flush();
        });
        long started = System.currentTimeMillis();
        reader.awaitAll(total, total / crisisEvery + (total % crisisEvery == 0 ? 0 : 1));
        sender.join();
        double elapsed = (reader.lastVerdictAt - started) / 1000.0;
        return result(total, elapsed, reader, sentAt);
    }

    private static void send(KafkaProducer<String, CloudEvent> producer, TopicCatalog topics, String session, String scanId,
            String text, Map<String, Long> sentAt) {
        SafetyScanRequest scan = new SafetyScanRequest(session, EventIds.newId(), "bench", "patient", text);
        CloudEvent event = TtaCloudEvents.create(scanId, EventTypes.SAFETY_SCAN, URI.create("urn:tta:bench"), session,
                OffsetDateTime.now(), EventCodec.standard().encode(scan));
        producer.send(TtaCloudEvents.toRecord(topics.name(TopicId.SAFETY_SCANS), session, event), (metadata, e) -> {
            if (e == null) {
                sentAt.put(scanId, metadata.timestamp());
            }
        });
    }

    private static Result result(int total, double seconds, Reader reader, Map<String, Long> sentAt) {
        List<Long> latencies = new ArrayList<>();
        reader.escalatedAt.forEach((scanId, at) -> latencies.add(at - sentAt.get(scanId)));
        Collections.sort(latencies);
        return new Result(total / seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.getLast(), latencies.size(), seconds);
    }

    private static Result burst(KafkaProducer<String, CloudEvent> producer, Reader reader, TopicCatalog topics, int burst,
            int perSession, int crisisEvery) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Set<String> crisisScans = ConcurrentHashMap.newKeySet();
        reader.expect(sentAt.keySet(), crisisScans);
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < burst / perSession; i++) {
            sessions.add("bench-" + EventIds.newId());
        }
        long start = System.currentTimeMillis();
        for (int round = 0; round < perSession; round++) {
            for (int i = 0; i < sessions.size(); i++) {
                String session = sessions.get(i);
                boolean crisis = round == 0 && i % crisisEvery == 0;
                String scanId = EventIds.newId();
                if (crisis) {
                    crisisScans.add(scanId);
                }
                int n = round * sessions.size() + i;
                send(producer, topics, session, scanId, crisis ? CRISIS.get(n % CRISIS.size()) : SAFE.get(n % SAFE.size()), sentAt);
            }
        }
        producer.flush();
        int total = sessions.size() * perSession;
        reader.awaitAll(total, crisisScans.size());
        double seconds = (reader.lastVerdictAt - start) / 1000.0;
        return result(total, seconds, reader, sentAt);
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String steadyTable(List<Result> results, int rate, int seconds) {
        StringBuilder out = new StringBuilder("| metric (steady " + rate + " scans/s offered for " + seconds
                + " s) | median | min | max |\n|---|---|---|---|\n");
        row(out, "scans/s sustained (first send to last verdict committed)", results.stream().map(Result::scansPerSecond).toList());
        row(out, "escalations per run", results.stream().map(r -> (double) r.escalations()).toList());
        row(out, "p50 scan accepted to escalation published (ms)", results.stream().map(Result::p50).toList());
        row(out, "p99 scan accepted to escalation published (ms)", results.stream().map(Result::p99).toList());
        row(out, "max scan accepted to escalation published (ms)", results.stream().map(Result::max).toList());
        return out.toString();
    }

    private static String table(List<Result> results, int burst) {
        StringBuilder out = new StringBuilder("| metric (burst of " + burst + " scans) | median | min | max |\n|---|---|---|---|\n");
        row(out, "time to drain the burst (s, first send to last verdict committed)", results.stream().map(Result::drainSeconds).toList());
        row(out, "scans/s while draining", results.stream().map(Result::scansPerSecond).toList());
        row(out, "p99 scan accepted to escalation published (ms)", results.stream().map(Result::p99).toList());
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        String f = sorted.getLast() < 100 ? "%.1f" : "%.0f";
        out.append(String.format(Locale.ROOT, "| %s | " + f + " | " + f + " | " + f + " |%n", name, sorted.get(sorted.size() / 2),
                sorted.getFirst(), sorted.getLast()));
    }

    /** Reads verdicts and escalations committed, from the end of each topic at start. */
    static final class Reader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final CloudEventDeserializer events = new CloudEventDeserializer();
        private final String verdictTopic;
        final Map<String, Long> escalatedAt = new HashMap<>();
        private Set<String> expectedScans;
        private Set<String> expectedCrises;
        private int verdicts;
        long lastVerdictAt;

        Reader(String bootstrap, TopicCatalog topics) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            verdictTopic = topics.name(TopicId.SAFETY_VERDICTS);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(verdictTopic, topics.name(TopicId.SAFETY_ESCALATIONS))) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void expect(Set<String> scans, Set<String> crises) {
            expectedScans = scans;
            expectedCrises = crises;
            verdicts = 0;
            escalatedAt.clear();
        }

        void awaitAll(int total, int crises) {
            long deadline = System.currentTimeMillis() + 600_000;
            while (verdicts < total || escalatedAt.size() < crises) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out: " + verdicts + "/" + total + " verdicts, "
                            + escalatedAt.size() + "/" + crises + " escalations");
                }
                var records = consumer.poll(Duration.ofMillis(20));
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : records) {
                    CloudEvent event = events.deserialize(record.topic(), record.headers(), record.value());
                    if (record.topic().equals(verdictTopic)) {
                        SafetyVerdict verdict = EventCodec.standard().decode(event, SafetyVerdict.class);
                        if (expectedScans.contains(verdict.scanEventId())) {
                            verdicts++;
                            lastVerdictAt = now;
                        }
                    } else {
                        SafetyEscalation step = EventCodec.standard().decode(event, SafetyEscalation.class);
                        if (SafetyEscalation.STEP_OPENED.equals(step.step()) && expectedCrises.contains(step.scanEventId())) {
                            escalatedAt.put(step.scanEventId(), now);
                        }
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
