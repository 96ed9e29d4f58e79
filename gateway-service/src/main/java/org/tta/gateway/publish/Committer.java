package org.tta.gateway.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ProducerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * One committer thread's work: gather a batch, write it in one Kafka transaction, answer every
 * request of it. Steps: {@code gather -> send (begin, send all, flush) -> commit -> succeed},
 * or {@code -> abort -> fail every request}. A batch is all or nothing: no request of an aborted
 * batch is visible to {@code read_committed} readers. Owns one transactional producer at a time
 * and replaces it after a fatal error. Runs on a platform thread of its own.
 */
final class Committer implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Committer.class);
    /** How long an idle committer waits for work before it checks whether to stop. */
    private static final Duration IDLE_POLL = Duration.ofMillis(100);

    private final BatchQueue queue;
    private final ProducerFactory<String, CloudEvent> producers;
    private final PublishMetrics metrics;
    private final BooleanSupplier running;
    private final Scheduler completions;
    private Producer<String, CloudEvent> producer;

    Committer(BatchQueue queue, ProducerFactory<String, CloudEvent> producers, PublishMetrics metrics,
              BooleanSupplier running, Scheduler completions) {
        this.queue = queue;
        this.producers = producers;
        this.metrics = metrics;
        this.running = running;
        this.completions = completions;
    }

    /** Works until stopped and, after that, until the queue is empty. */
    @Override
    public void run() {
        warmUp();
        try {
            while (running.getAsBoolean() || !queue.isEmpty()) {
                commitNextBatch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeProducer();
        }
    }

    /**
     * Creates the producer before the first request needs it: {@code initTransactions} costs a round
     * trip to the transaction coordinator (and, on a new cluster, the creation of its topic). If Kafka
     * is not there yet, the first batch tries again.
     */
    private void warmUp() {
        try {
            producer();
        } catch (RuntimeException e) {
            log.warn("The transactional producer could not be created yet: {}", KafkaFailures.describe(e));
        }
    }

    private void commitNextBatch() throws InterruptedException {
        Sent sent;
        queue.sendTurn().lock();
        try {
            List<PendingPublish> batch = queue.gather(IDLE_POLL);
            if (batch.isEmpty()) {
                return;
            }
            sent = send(batch);
        } finally {
            // Released only after the batch's records were acknowledged: the next batch is appended
            // after this one, whatever the order of the commits.
            queue.sendTurn().unlock();
        }
        if (sent.failure == null) {
            commit(sent);
        } else {
            abort(sent);
        }
    }

    /** Begins the transaction and sends every record; never throws, a failure is returned in {@link Sent}. */
    private Sent send(List<PendingPublish> batch) {
        Sent sent = new Sent(batch, System.nanoTime());
        PendingPublish current = null;
        try {
            Producer<String, CloudEvent> p = producer();
            p.beginTransaction();
            sent.begun = true;
            for (PendingPublish request : batch) {
                current = request;
                List<Future<RecordMetadata>> futures = new ArrayList<>(request.size());
                for (ProducerRecord<String, CloudEvent> record : request.records()) {
                    futures.add(p.send(record));
                }
                sent.futures.add(futures);
            }
            current = null;
            p.flush();
            checkAcknowledged(sent);
        } catch (RuntimeException e) {
            sent.fail(e, current);
        }
        return sent;
    }

    /** After flush every future is done; finds a failed one, preferring a record that is itself invalid. */
    private static void checkAcknowledged(Sent sent) {
        for (int i = 0; i < sent.batch.size(); i++) {
            for (Future<RecordMetadata> future : sent.futures.get(i)) {
                if (future.state() == Future.State.FAILED) {
                    Throwable error = future.exceptionNow();
                    if (sent.failure == null || KafkaFailures.isInvalidRecord(error)) {
                        sent.fail(error, sent.batch.get(i));
                    }
                    if (sent.culprit != null) {
                        return;
                    }
                } else if (future.state() != Future.State.SUCCESS) {
                    sent.fail(new IllegalStateException("A record was not acknowledged after flush"), null);
                }
            }
        }
    }

    private void commit(Sent sent) {
        try {
            producer.commitTransaction();
        } catch (RuntimeException e) {
            // The outcome is unknown (Kafka allows only retrying the commit or closing the producer);
            // the next producer's initTransactions settles it. The callers get 503 either way.
            log.warn("Kafka commit failed for a batch of {} requests: {}", sent.batch.size(), KafkaFailures.describe(e));
            discardProducer();
            metrics.aborted(System.nanoTime() - sent.started, e);
            failAll(sent, new PublishOutcomeUnknownException(
                    "The Kafka commit of this request's batch has an unknown outcome", e), null);
            return;
        }
        metrics.committed(System.nanoTime() - sent.started);
        metrics.batch(sent.batch.size(), sent.records());
        List<List<Published>> results = new ArrayList<>(sent.batch.size());
        for (List<Future<RecordMetadata>> futures : sent.futures) {
            results.add(published(futures));
        }
        answer(() -> {
            for (int i = 0; i < sent.batch.size(); i++) {
                sent.batch.get(i).succeed(results.get(i));
            }
        });
    }

    private void abort(Sent sent) {
        Throwable cause = sent.failure;
        if (sent.begun) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException e) {
                discardProducer();
            }
        }
        if (KafkaFailures.isFatal(cause)) {
            discardProducer();
        }
        log.warn("Kafka transaction aborted for a batch of {} requests: {}", sent.batch.size(), KafkaFailures.describe(cause));
        metrics.aborted(System.nanoTime() - sent.started, cause);
        failAll(sent, cause, sent.culprit);
    }

    /** The culprit of an invalid record gets its own error (500); the others of its batch a 503. */
    private void failAll(Sent sent, Throwable cause, PendingPublish culprit) {
        BrokerUnavailableException aborted = cause instanceof PublishOutcomeUnknownException unknown ? unknown
                : new BrokerUnavailableException("The Kafka transaction of this request's batch did not commit", cause);
        answer(() -> {
            for (PendingPublish request : sent.batch) {
                request.fail(request == culprit ? cause : aborted);
            }
        });
    }

    /**
     * Answers a batch's callers in one task on the completions scheduler: their response handling
     * then runs there, and this thread goes straight on to the next batch. One hand-off per batch,
     * not per request (measured: see PublishThroughputBench).
     */
    private void answer(Runnable answers) {
        try {
            completions.schedule(answers);
        } catch (RejectedExecutionException e) {
            answers.run();
        }
    }

    private static List<Published> published(List<Future<RecordMetadata>> futures) {
        List<Published> out = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> future : futures) {
            RecordMetadata m = future.resultNow();
            out.add(new Published(m.topic(), m.partition(), m.offset()));
        }
        return out;
    }

    private Producer<String, CloudEvent> producer() {
        if (producer == null) {
            producer = producers.createProducer();
        }
        return producer;
    }

    /** Closes the producer at once; a Spring factory's producer that failed is then removed, not cached. */
    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing a failed producer failed: {}", e.getClass().getName());
            }
            producer = null;
            metrics.producerRestarted();
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("Closing the producer failed: {}", e.getClass().getName());
            }
            producer = null;
        }
    }

    /** A batch on its way: the futures of each request's records, and the failure if any. */
    private static final class Sent {
        final List<PendingPublish> batch;
        final long started;
        final List<List<Future<RecordMetadata>>> futures;
        boolean begun;
        Throwable failure;
        PendingPublish culprit;

        Sent(List<PendingPublish> batch, long started) {
            this.batch = batch;
            this.started = started;
            this.futures = new ArrayList<>(batch.size());
        }

        void fail(Throwable error, PendingPublish request) {
            failure = error;
            culprit = request != null && KafkaFailures.isInvalidRecord(error) ? request : null;
        }

        int records() {
            int n = 0;
            for (PendingPublish request : batch) {
                n += request.size();
            }
            return n;
        }
    }
}
