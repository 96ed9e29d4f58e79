package org.tta.router.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of the routing loop: {@code tta.router.partitions.paused} (partitions paused by the
 * bounds), {@code tta.router.lanes} (webhook lanes with jobs) and {@code tta.router.records.pending}
 * (routed records whose offsets are not committed yet); and the counter {@code tta.router.commits}
 * (transactions that committed finished records). Written by the loop thread only.
 */
public final class LoopGauges {

    private final AtomicInteger paused = new AtomicInteger();
    private final AtomicInteger lanes = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter commits;

    public LoopGauges(MeterRegistry meters) {
        Gauge.builder("tta.router.partitions.paused", paused, AtomicInteger::get)
                .description("Input partitions paused because they hold too many records or a session queue is full")
                .register(meters);
        Gauge.builder("tta.router.lanes", lanes, AtomicInteger::get)
                .description("Webhook lanes (one per ordered subscription, partition and session) with jobs")
                .register(meters);
        Gauge.builder("tta.router.records.pending", pending, AtomicInteger::get)
                .description("Routed records held until their offsets are committed").register(meters);
        commits = Counter.builder("tta.router.commits")
                .description("Transactions that committed finished records (their offsets and Kafka outputs)")
                .register(meters);
    }

    void paused(int count) {
        paused.set(count);
    }

    void lanes(int count) {
        lanes.set(count);
    }

    void pending(int count) {
        pending.set(count);
    }

    void committed() {
        commits.increment();
    }
}
