package org.tta.safety.stream;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.tta.safety.config.SafetyProperties;
import org.tta.safety.escalation.EscalationPolicy;
import org.tta.safety.scan.BoundedClassifier;
import org.tta.safety.trajectory.SessionRisk;
import org.tta.safety.trajectory.TrajectoryRule;
import org.tta.platform.tracing.RecordTracing;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * The safety topology: scans and escalation commands (both keyed by session id, so co-partitioned) flow into one
 * {@link SafetyProcessor} that owns the sessions' risk state (two persistent stores with changelog topics on
 * LogAppendTime, see {@link Changelogs}); its output goes to the verdict, escalation, audit and dead-letter topics,
 * chosen per record.
 */
public final class SafetyTopology {

    private SafetyTopology() {
    }

    public static KStream<String, ?> build(StreamsBuilder builder, TopicCatalog topics, BoundedClassifier classifier,
            SafetyProperties properties, Clock clock, MeterRegistry meters, RecordTracing tracing) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SafetyProcessor.RISK_STORE),
                Serdes.String(), JsonSerde.of(SessionRisk.class)).withLoggingEnabled(Changelogs.CONFIG));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SafetyProcessor.DEADLINE_STORE),
                Serdes.String(), Serdes.String()).withLoggingEnabled(Changelogs.CONFIG));
        TrajectoryRule trajectory = new TrajectoryRule(properties.trajectory().window(), properties.trajectory().threshold());
        EscalationPolicy policy = new EscalationPolicy(properties.escalation());
        SafetyMetrics metrics = new SafetyMetrics(meters, topics.name(TopicId.SAFETY_SCANS));
        KStream<String, byte[]> in = builder.stream(
                List.of(topics.name(TopicId.SAFETY_SCANS), topics.name(TopicId.SAFETY_ESCALATION_COMMANDS)),
                Consumed.with(Serdes.String(), Serdes.ByteArray()));
        KStream<String, Outbound> out = in.process(() -> new SafetyProcessor(topics, classifier, trajectory, policy,
                properties.escalation(), clock, metrics, tracing), SafetyProcessor.RISK_STORE, SafetyProcessor.DEADLINE_STORE);
        out.to((key, value, context) -> topics.name(value.topic()), Produced.with(Serdes.String(), Outbound.serde()));
        return out;
    }
}
