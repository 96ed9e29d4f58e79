package org.tta.gateway.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * {@link EventPublisher} by group commit: each {@code publishAll} call waits in a bounded queue;
 * committer threads gather concurrent calls into one Kafka transaction (up to {@code max-batch-records}
 * records, or what arrived within {@code max-linger}), commit it, and answer every call of it.
 *
 * <p>Guarantees: all records of one call become visible to {@code read_committed} readers together,
 * with the other calls of their batch, or not at all; a call is never split across transactions;
 * one key's records keep the order in which the calls were handed over. Every call ends within the
 * publish timeout: a {@link BrokerUnavailableException} (503) when Kafka did not commit in time,
 * the queue was full ({@link PublishOverloadedException}) or the circuit breaker is open. A call
 * that timed out while queued is never written. One that timed out after its batch was sent fails
 * too, yet may still commit: it fails with {@link PublishOutcomeUnknownException}, as does a call whose
 * commit failed with an unknown outcome; a client that retries after such a 503 creates a duplicate
 * unless it sends an {@code Idempotency-Key}. Records published under an Idempotency-Key guard carry the
 * {@link IdempotencyHeader}.
 *
 * <p>A batch's answers are delivered in one task on the {@code completions} scheduler, so the
 * committer goes straight on to the next batch instead of running the callers' response handling.
 */
public final class TransactionalEventPublisher implements EventPublisher, PublishPressure, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransactionalEventPublisher.class);
    /** Starts before and stops after the web server, so that in-flight requests can still publish. */
    private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final ProducerFactory<String, CloudEvent> producers;
    private final PublishProperties properties;
    private final Duration timeout;
    private final CircuitBreaker breaker;
    private final Scheduler completions;
    private final PublishMetrics metrics;
    private final BatchQueue queue;
    private final TraceHeaders traceHeaders;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public TransactionalEventPublisher(ProducerFactory<String, CloudEvent> producers, PublishProperties properties,
                                       Duration timeout, CircuitBreaker breaker, Scheduler completions,
                                       MeterRegistry meters) {
        this(producers, properties, timeout, breaker, completions, meters, TraceHeaders.NONE);
    }

    public TransactionalEventPublisher(ProducerFactory<String, CloudEvent> producers, PublishProperties properties,
                                       Duration timeout, CircuitBreaker breaker, Scheduler completions,
                                       MeterRegistry meters, TraceHeaders traceHeaders) {
        this.traceHeaders = traceHeaders;
        this.producers = producers;
        this.properties = properties;
        this.timeout = timeout;
        this.breaker = breaker;
        this.completions = completions;
        this.metrics = new PublishMetrics(meters);
        this.queue = new BatchQueue(properties.queueCapacity(), properties.maxBatchRecords(), properties.maxLinger(),
                metrics);
        metrics.queue(queue::depth, queue.capacity());
    }

    @Override
    public Mono<List<Published>> publishAll(List<ProducerRecord<String, CloudEvent>> records) {
        if (records.isEmpty()) {
            return Mono.just(List.of());
        }
        // The request's trace context goes into the record headers here, while the request's context is at hand.
        return Mono.deferContextual(context -> Mono.<List<Published>>create(
                        sink -> enqueue(IdempotencyHeader.stamp(traceHeaders.inject(records, context), context), sink)))
                .timeout(timeout)
                .onErrorMap(this::toPublishFailure)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(CallNotPermittedException.class, e -> reject(Rejection.CIRCUIT_OPEN,
                        new BrokerUnavailableException("The circuit breaker around Kafka is open", e, breakerState())));
    }

    private void enqueue(List<ProducerRecord<String, CloudEvent>> records, MonoSink<List<Published>> sink) {
        if (!running) {
            sink.error(reject(Rejection.STOPPED,
                    new BrokerUnavailableException("The publisher is not running", null, breakerState())));
            return;
        }
        PendingPublish request = new PendingPublish(records, sink);
        // A timeout or a client that went away cancels; a request withdrawn before a committer took it is never written.
        sink.onCancel(request::withdraw);
        if (!queue.offer(request)) {
            sink.error(reject(Rejection.QUEUE_FULL, new PublishOverloadedException(breakerState())));
        }
    }

    private Throwable toPublishFailure(Throwable error) {
        if (error instanceof BrokerUnavailableException known && known.circuitBreakerState() != null) {
            return error;
        }
        if (KafkaFailures.isInvalidRecord(error)) {
            metrics.rejected(Rejection.INVALID_RECORD);
            return error;
        }
        if (error instanceof TimeoutException) {
            // The request may have been claimed by a committer already: its records can still commit.
            return reject(Rejection.TIMEOUT, new PublishOutcomeUnknownException(
                    "Kafka did not acknowledge the write within " + timeout, error, breakerState()));
        }
        if (error instanceof PublishOutcomeUnknownException) {
            return reject(Rejection.WRITE_FAILED, new PublishOutcomeUnknownException(
                    "The Kafka commit of this write has an unknown outcome", error.getCause(), breakerState()));
        }
        Throwable cause = error instanceof BrokerUnavailableException && error.getCause() != null ? error.getCause() : error;
        return reject(Rejection.WRITE_FAILED,
                new BrokerUnavailableException("Kafka did not acknowledge the write", cause, breakerState()));
    }

    private BrokerUnavailableException reject(Rejection reason, BrokerUnavailableException error) {
        metrics.rejected(reason);
        return error;
    }

    private String breakerState() {
        return breaker.getState().name().toLowerCase(Locale.ROOT);
    }

    /** The queue's fill level, or 1 while the circuit breaker keeps calls out. */
    @Override
    public double utilization() {
        return switch (breaker.getState()) {
            case OPEN, HALF_OPEN, FORCED_OPEN -> 1.0;
            default -> Math.min(1.0, (double) queue.depth() / queue.capacity());
        };
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.committers(); i++) {
            Committer committer = new Committer(queue, producers, metrics, () -> running, completions);
            threads.add(Thread.ofPlatform().name("tta-publish-committer-" + i).daemon(true).start(committer));
        }
    }

    /** Stops taking calls, lets the committers write what is queued, then closes the producers. */
    @Override
    public synchronized void stop() {
        running = false;
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        for (PendingPublish left : queue.drain()) {
            if (left.claim()) {
                left.fail(new BrokerUnavailableException("The publisher stopped before writing this request", null));
            }
        }
        if (producers instanceof DisposableBean disposable) {
            try {
                disposable.destroy();
            } catch (Exception e) {
                log.warn("Closing the transactional producers failed: {}", e.getClass().getName());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
