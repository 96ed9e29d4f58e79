package org.tta.gateway.publish;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.tta.testkit.TestInfrastructure;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Not a test: a throughput comparison of the plain publisher (one idempotent send per record) and
 * the group-commit publisher, closed loop, each call the three ~1 KiB records of one message, on
 * the in-JVM broker. Tagged {@code bench} and excluded from the default run; run it with
 * <pre>
 * ./mvnw -B -pl gateway-service -am verify -Dtest=PublishThroughputBench -Dit.test=NONE \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.excludedGroups=none \
 *   [-Dbench.warmup=20s -Dbench.duration=20s -Dbench.callers=64,256 -Dbench.linger=2ms]
 * </pre>
 * Results go to stdout and {@code gateway-service/target/publish-bench.txt}. The broker shares the
 * JVM and the cores, so the CPU column counts broker and client together.
 */
@Tag("bench")
class PublishThroughputBench {

    private static final int PAYLOAD_BYTES = 1024;

    private final String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
    private final String[] topics = newTopics();
    private final List<String> report = new ArrayList<>();
    private final Duration linger = DurationStyle.detectAndParse(System.getProperty("bench.linger", "2ms"));

    @Test
    void compareTheWaysOfPublishing() throws Exception {
        Duration warmup = DurationStyle.detectAndParse(System.getProperty("bench.warmup", "20s"));
        Duration duration = DurationStyle.detectAndParse(System.getProperty("bench.duration", "20s"));
        report.add("max-linger of the group commit: " + linger.toMillis() + " ms");
        report.add(String.format("%-34s %7s %9s %8s %8s %10s %12s %9s", "publisher", "callers", "calls/s",
                "p50 ms", "p99 ms", "cpu us/call", "committer us", "req/txn"));
        for (String callers : System.getProperty("bench.callers", "64,256").split(",")) {
            int n = Integer.parseInt(callers.trim());
            run("plain KafkaTemplate (linger.ms 2)", n, warmup, duration, this::plain);
            run("group commit, 1 committer", n, warmup, duration, () -> groupCommit(1, Schedulers.parallel()));
            run("group commit, 2 committers", n, warmup, duration, () -> groupCommit(2, Schedulers.parallel()));
            run("group commit, 1, answer inline", n, warmup, duration, () -> groupCommit(1, Schedulers.immediate()));
        }
        String text = String.join(System.lineSeparator(), report);
        System.out.println(text);
        Files.writeString(Path.of("target", "publish-bench.txt"), text + System.lineSeparator());
    }

    /** What the publisher under test needs: itself, a way to stop it, and its meters. */
    record Subject(EventPublisher publisher, Runnable stop, SimpleMeterRegistry meters) {
    }

    private Subject plain() {
        DefaultKafkaProducerFactory<String, CloudEvent> factory = KafkaFixtures.producerFactory(bootstrap);
        Scheduler sends = Schedulers.newBoundedElastic(4, 10_000, "bench-send");
        KafkaEventPublisher publisher = new KafkaEventPublisher(new KafkaTemplate<>(factory), sends, Duration.ofSeconds(10));
        return new Subject(publisher, () -> {
            sends.dispose();
            factory.destroy();
        }, new SimpleMeterRegistry());
    }

    private Subject groupCommit(int committers, Scheduler completions) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PublishProperties settings = new PublishProperties(10_000, committers, 500, linger,
                "bench-" + UUID.randomUUID() + "-", new PublishProperties.Breaker(50, 100, 100, Duration.ofSeconds(5), 10));
        TransactionalEventPublisher publisher = new TransactionalEventPublisher(
                TransactionalProducers.from(KafkaFixtures.producerFactory(bootstrap), settings.transactionalIdPrefix(), committers),
                settings, Duration.ofSeconds(10), PublishCircuitBreaker.create(settings.breaker(), meters), completions, meters);
        publisher.start();
        return new Subject(publisher, publisher::stop, meters);
    }

    private void run(String name, int callers, Duration warmup, Duration duration, Supplier<Subject> create) {
        Subject subject = create.get();
        try {
            loop(subject.publisher(), callers, warmup, null, new AtomicLong());
            double transactionsBefore = transactions(subject);
            double requestsBefore = requests(subject);
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            long committerCpuBefore = committerCpu();
            long cpuBefore = processCpu();
            long started = System.nanoTime();
            loop(subject.publisher(), callers, duration, latencies, errors);
            long elapsed = System.nanoTime() - started;
            long cpu = processCpu() - cpuBefore;
            long committerCpu = committerCpu() - committerCpuBefore;
            List<Long> sorted = latencies.stream().sorted().toList();
            int calls = sorted.size();
            double txns = transactions(subject) - transactionsBefore;
            report.add(String.format(Locale.ROOT, "%-34s %7d %9.0f %8.1f %8.1f %10.0f %12s %9s", name, callers,
                    calls / (elapsed / 1e9), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    cpu / 1e3 / Math.max(1, calls),
                    committerCpu > 0 ? String.format(Locale.ROOT, "%.0f", committerCpu / 1e3 / Math.max(1, calls)) : "-",
                    txns > 0 ? String.format(Locale.ROOT, "%.1f", (requests(subject) - requestsBefore) / txns) : "-")
                    + (errors.get() > 0 ? "  errors=" + errors.get() : ""));
            System.out.println(report.get(report.size() - 1));
        } finally {
            subject.stop().run();
        }
    }

    /** Closed loop: each caller publishes, waits for the answer, publishes again, until the time is up. */
    private void loop(EventPublisher publisher, int callers, Duration duration, ConcurrentLinkedQueue<Long> latencies,
                      AtomicLong errors) {
        long end = System.nanoTime() + duration.toNanos();
        Flux.range(0, callers)
                .flatMap(caller -> Mono.defer(() -> {
                    long t0 = System.nanoTime();
                    return publisher.publishAll(message("bench-session-" + caller))
                            .doOnNext(published -> {
                                if (latencies != null) {
                                    latencies.add(System.nanoTime() - t0);
                                }
                            })
                            .onErrorResume(error -> {
                                errors.incrementAndGet();
                                return Mono.empty();
                            });
                }).repeat(() -> System.nanoTime() < end), callers)
                .blockLast(duration.plusMinutes(1));
    }

    private List<ProducerRecord<String, CloudEvent>> message(String session) {
        List<ProducerRecord<String, CloudEvent>> records = new ArrayList<>(topics.length);
        for (String topic : topics) {
            records.add(KafkaFixtures.record(topic, session, session, PAYLOAD_BYTES));
        }
        return records;
    }

    private static double transactions(Subject subject) {
        var summary = subject.meters().find("tta.gateway.publish.batch.requests").summary();
        return summary == null ? 0 : summary.count();
    }

    private static double requests(Subject subject) {
        var summary = subject.meters().find("tta.gateway.publish.batch.requests").summary();
        return summary == null ? 0 : summary.totalAmount();
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size())) / 1e6;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long committerCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("tta-publish-committer")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return total;
    }

    private String[] newTopics() {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String[] names = {prefix + "events", prefix + "scans", prefix + "audit"};
        KafkaFixtures.createTopics(bootstrap, 3, names);
        return names;
    }
}
