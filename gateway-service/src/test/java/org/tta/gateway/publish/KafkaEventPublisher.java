package org.tta.gateway.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@link EventPublisher} over Spring's {@link KafkaTemplate}, one plain idempotent send per record.
 * {@code send} can block for up to {@code max.block.ms} while metadata is missing or the buffer is
 * full, so it runs on a dedicated bounded scheduler, never on a Netty event loop.
 *
 * <p>Not the gateway's publisher: it does not make one call's records visible together (no
 * transaction). It stays as the baseline that {@link TransactionalEventPublisher} is measured
 * against ({@code PublishThroughputBench}).
 */
public final class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, CloudEvent> template;
    private final Scheduler sendScheduler;
    private final Duration timeout;

    public KafkaEventPublisher(KafkaTemplate<String, CloudEvent> template, Scheduler sendScheduler, Duration timeout) {
        this.template = template;
        this.sendScheduler = sendScheduler;
        this.timeout = timeout;
    }

    @Override
    public Mono<List<Published>> publishAll(List<ProducerRecord<String, CloudEvent>> records) {
        return Mono.fromCallable(() -> sendAll(records))
                .subscribeOn(sendScheduler)
                .flatMap(futures -> Mono.fromFuture(CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)))
                        .then(Mono.fromCallable(() -> metadata(futures))))
                .timeout(timeout)
                .onErrorMap(KafkaEventPublisher::isBrokerFailure, this::unavailable);
    }

    private List<CompletableFuture<SendResult<String, CloudEvent>>> sendAll(List<ProducerRecord<String, CloudEvent>> records) {
        List<CompletableFuture<SendResult<String, CloudEvent>>> futures = new ArrayList<>(records.size());
        for (ProducerRecord<String, CloudEvent> record : records) {
            futures.add(template.send(record));
        }
        return futures;
    }

    private static List<Published> metadata(List<CompletableFuture<SendResult<String, CloudEvent>>> futures) {
        List<Published> out = new ArrayList<>(futures.size());
        for (var future : futures) {
            RecordMetadata m = future.join().getRecordMetadata();
            out.add(new Published(m.topic(), m.partition(), m.offset()));
        }
        return out;
    }

    private static boolean isBrokerFailure(Throwable error) {
        Throwable cause = unwrap(error);
        return !(cause instanceof SerializationException) && !(cause instanceof IllegalArgumentException);
    }

    private BrokerUnavailableException unavailable(Throwable error) {
        return new BrokerUnavailableException("Kafka did not acknowledge the write", unwrap(error));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof org.springframework.kafka.KafkaException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
