package org.tta.gateway.publish;

import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;

/**
 * Writes records to Kafka without blocking the caller's thread.
 *
 * <p>Guarantee: the returned {@code Mono} completes only after the broker acknowledged every record
 * ({@code acks=all}); it fails with {@link BrokerUnavailableException} when any record could not be
 * written in time. Records of one key keep the order in which they were handed over.
 */
public interface EventPublisher {

    /** Publishes all records; the result lists their metadata in the order given. */
    Mono<List<Published>> publishAll(List<ProducerRecord<String, CloudEvent>> records);
}
