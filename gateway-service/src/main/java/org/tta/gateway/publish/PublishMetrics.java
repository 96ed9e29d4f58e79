package org.tta.gateway.publish;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The publisher's meters, all under {@code tta.gateway.publish.*}. */
final class PublishMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchRecords;
    private final DistributionSummary batchRequests;
    private final Timer committed;
    private final Timer aborted;
    private final Counter skipped;
    private final Counter producerRestarts;
    private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);

    PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchRecords = DistributionSummary.builder("tta.gateway.publish.batch.records")
                .description("Records per Kafka transaction").baseUnit("records").register(registry);
        this.batchRequests = DistributionSummary.builder("tta.gateway.publish.batch.requests")
                .description("Publish requests per Kafka transaction").baseUnit("requests").register(registry);
        this.committed = transactionTimer("committed");
        this.aborted = transactionTimer("aborted");
        this.skipped = Counter.builder("tta.gateway.publish.skipped")
                .description("Requests dropped unwritten because their caller gave up while they were queued")
                .register(registry);
        this.producerRestarts = Counter.builder("tta.gateway.publish.producer.restarts")
                .description("Transactional producers closed after a fatal error and replaced").register(registry);
        for (Rejection rejection : Rejection.values()) {
            rejections.put(rejection, Counter.builder("tta.gateway.publish.rejections")
                    .description("Publish calls that ended without a write, by reason")
                    .tag("reason", rejection.tag()).register(registry));
        }
    }

    private Timer transactionTimer(String outcome) {
        return Timer.builder("tta.gateway.publish.transaction")
                .description("From beginTransaction to the end of commit or abort")
                .tag("outcome", outcome).register(registry);
    }

    void queue(Supplier<Number> depth, int capacity) {
        Gauge.builder("tta.gateway.publish.queue.depth", depth).description("Publish requests waiting for a committer")
                .baseUnit("requests").register(registry);
        Gauge.builder("tta.gateway.publish.queue.capacity", () -> capacity).baseUnit("requests").register(registry);
    }

    void batch(int requests, int records) {
        batchRequests.record(requests);
        batchRecords.record(records);
    }

    void committed(long nanos) {
        committed.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A transaction was aborted (or its commit failed); {@code cause} names the failure class. */
    void aborted(long nanos, Throwable cause) {
        aborted.record(nanos, TimeUnit.NANOSECONDS);
        registry.counter("tta.gateway.publish.aborts", "cause", cause.getClass().getSimpleName()).increment();
    }

    void rejected(Rejection reason) {
        rejections.get(reason).increment();
    }

    void skipped() {
        skipped.increment();
    }

    void producerRestarted() {
        producerRestarts.increment();
    }
}
