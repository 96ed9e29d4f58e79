package org.tta.gateway.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.tta.gateway.web.TracedLog;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@link WriteLookup} with Kafka's own clients, off the event loops: each lookup runs on a thread of a dedicated
 * bounded pool ({@code lookup-concurrency} threads); a lookup that finds every thread busy is not queued but
 * answered {@code Unknown("shed")} (503 with Retry-After). Each lookup uses a consumer of its own (assigned, no
 * group, {@code read_committed}), closed at its end: lookups are rare (only after a crash or an unknown publish
 * outcome) and a consumer is not thread-safe. Metered as {@code tta.gateway.idempotency.lookups{outcome,reason}}.
 */
@Component
class KafkaWriteLookup implements WriteLookup, DisposableBean {

    static final String METRIC = "tta.gateway.idempotency.lookups";
    private static final Logger log = LoggerFactory.getLogger(KafkaWriteLookup.class);

    private final Admin admin;
    private final Map<String, Object> consumerConfig;
    private final Duration timeout;
    private final Duration clockMargin;
    private final Semaphore permits;
    private final Scheduler pool;
    private final MeterRegistry meters;

    KafkaWriteLookup(KafkaAdmin kafkaAdmin, IdempotencyProperties properties, MeterRegistry meters) {
        this.timeout = properties.lookupTimeout();
        this.clockMargin = properties.lookupClockMargin();
        this.meters = meters;
        int timeoutMs = (int) timeout.toMillis();
        Map<String, Object> adminConfig = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        adminConfig.put("client.id", "tta-idempotency-lookup-admin");
        adminConfig.put("request.timeout.ms", timeoutMs);
        adminConfig.put("default.api.timeout.ms", timeoutMs);
        this.admin = Admin.create(adminConfig);
        Map<String, Object> consumer = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "tta-idempotency-lookup");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        consumer.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.consumerConfig = Map.copyOf(consumer);
        int concurrency = properties.lookupConcurrency();
        this.permits = new Semaphore(concurrency);
        // The permits keep at most `concurrency` tasks in the pool, so its queue never holds more than that either.
        this.pool = Schedulers.newBoundedElastic(concurrency, concurrency, "tta-idempotency-lookup", 60, true);
        meters.gauge("tta.gateway.idempotency.lookups.active", permits, p -> concurrency - p.availablePermits());
    }

    @Override
    public Mono<Outcome> find(String tag, List<ExpectedRecord> expected, Instant since) {
        return Mono.deferContextual(context -> {
            long started = System.nanoTime();
            if (!permits.tryAcquire()) {
                return Mono.just(metered(new Outcome.Unknown("shed"), started));
            }
            long deadline = started + timeout.toNanos();
            return Mono.fromCallable(() -> {
                        // the search logs on the pool's thread: with the request's trace
                        try (TracedLog.Scope ignored = TracedLog.scope(context)) {
                            return search(tag, expected, since, deadline);
                        }
                    })
                    .subscribeOn(pool)
                    .onErrorResume(e -> TracedLog.line(() -> log.warn("Idempotency lookup in Kafka failed: {}",
                                    e.getClass().getName()))
                            .then(Mono.just(new Outcome.Unknown(e instanceof TimeoutException
                                    || e instanceof org.apache.kafka.common.errors.TimeoutException ? "timeout" : "error"))))
                    .map(outcome -> metered(outcome, started))
                    .doFinally(signal -> permits.release());
        });
    }

    private Outcome search(String tag, List<ExpectedRecord> expected, Instant since, long deadline) throws Exception {
        Instant from = since.minus(clockMargin);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            return new PartitionSearch(admin, consumer, tag, expected, deadline).run(from);
        }
    }

    private Outcome metered(Outcome outcome, long started) {
        String name = switch (outcome) {
            case Outcome.Found found -> "found";
            case Outcome.NotFound notFound -> "not-found";
            case Outcome.Unknown unknown -> "unknown";
        };
        String reason = outcome instanceof Outcome.Unknown unknown ? unknown.reason() : "none";
        Timer.builder(METRIC).description("Lookups of an earlier attempt's write in Kafka, by outcome")
                .tag("outcome", name).tag("reason", reason).register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return outcome;
    }

    @Override
    public void destroy() {
        pool.dispose();
        admin.close(Duration.ofSeconds(2));
    }
}
