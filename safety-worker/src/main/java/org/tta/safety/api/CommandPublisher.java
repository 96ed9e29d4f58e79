package org.tta.safety.api;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.EscalationCommand;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Writes escalation commands to {@code tta.safety.escalation-commands.v1}, keyed by session id. */
@Component
class CommandPublisher {

    private static final URI SOURCE = URI.create("urn:tta:safety-worker");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, CloudEvent> template;
    private final String topic;

    CommandPublisher(KafkaTemplate<String, CloudEvent> template, TopicCatalog topics) {
        this.template = template;
        this.topic = topics.name(TopicId.SAFETY_ESCALATION_COMMANDS);
    }

    /** Completes once the broker acknowledged the command (acks=all); errors with {@link BrokerUnavailable}. */
    Mono<Void> publish(EscalationCommand command) {
        CloudEvent event = TtaCloudEvents.create(command.commandId(), EventTypes.SAFETY_ESCALATION_COMMAND, SOURCE,
                command.sessionId(), command.requestedAt().atOffset(ZoneOffset.UTC), EventCodec.standard().encode(command));
        // send() may block for metadata (max.block.ms): never on the event loop.
        return Mono.fromFuture(() -> template.send(TtaCloudEvents.toRecord(topic, command.sessionId(), event)))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(TIMEOUT)
                .onErrorMap(e -> new BrokerUnavailable(e))
                .then();
    }

    /** Kafka did not take the command in time. */
    static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Throwable cause) {
            super("the command could not be written to Kafka", cause);
        }
    }
}
