package org.tta.safety.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.platform.tracing.RecordTracing;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.ClassificationInput;
import org.tta.safety.classify.Tier;
import org.tta.safety.config.SafetyProperties;
import org.tta.safety.escalation.EscalationPolicy;
import org.tta.safety.escalation.EscalationState;
import org.tta.safety.escalation.EscalationStep;
import org.tta.safety.escalation.Route;
import org.tta.safety.scan.BoundedClassifier;
import org.tta.safety.scan.PoisonRecordException;
import org.tta.safety.scan.Scan;
import org.tta.safety.scan.ScanDecoder;
import org.tta.safety.trajectory.SessionRisk;
import org.tta.safety.trajectory.TrajectoryRule;
import org.tta.schemas.payload.SafetyEscalation;
import org.tta.schemas.payload.SafetyScanRequest;
import org.tta.schemas.payload.SafetyVerdict;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * One stream task's worker for a set of sessions: scans and escalation commands of the same partition arrive here
 * in order, and every output of one input (verdict, escalation steps, audit records, dead letters) is written in the
 * same exactly-once transaction as the state change and the input offset.
 * Steps: {@code onScan -> decode -> classify -> trajectory -> escalate -> publish}, {@code onCommand -> apply},
 * {@code onTick -> re-escalate overdue}; a record that cannot be decoded is dead-lettered and the partition moves on.
 */
final class SafetyProcessor implements Processor<String, byte[], String, Outbound> {

    static final String RISK_STORE = "safety-session-risk";
    static final String DEADLINE_STORE = "safety-open-escalations";

    private static final Logger log = LoggerFactory.getLogger(SafetyProcessor.class);

    private final TopicCatalog topics;
    private final BoundedClassifier classifier;
    private final TrajectoryRule trajectory;
    private final EscalationPolicy policy;
    private final SafetyProperties.Escalation settings;
    private final Clock clock;
    private final SafetyMetrics metrics;
    private final RecordTracing tracing;
    private final ScanDecoder decoder = new ScanDecoder();
    private final CommandDecoder commands = new CommandDecoder();
    private final RecordTime recordTime = new RecordTime();

    private ProcessorContext<String, Outbound> context;
    private KeyValueStore<String, SessionRisk> risks;
    private KeyValueStore<String, String> openEscalations;
    private Events events;

    SafetyProcessor(TopicCatalog topics, BoundedClassifier classifier, TrajectoryRule trajectory, EscalationPolicy policy,
            SafetyProperties.Escalation settings, Clock clock, SafetyMetrics metrics, RecordTracing tracing) {
        this.topics = topics;
        this.classifier = classifier;
        this.trajectory = trajectory;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    @Override
    public void init(ProcessorContext<String, Outbound> context) {
        this.context = context;
        this.risks = context.getStateStore(RISK_STORE);
        this.openEscalations = context.getStateStore(DEADLINE_STORE);
        this.events = new Events(topics);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, timestamp -> onTick());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        // One span per record, child of the gateway's traceparent; what it forwards carries the trace on.
        Span span = tracing.consume("tta.safety.process", topic, record.headers());
        try (Tracer.SpanInScope ignored = tracing.scope(span)) {
            if (topic.equals(topics.name(TopicId.SAFETY_ESCALATION_COMMANDS))) {
                onCommand(record, topic);
            } else {
                onScan(record, topic);
            }
        } finally {
            span.end();
        }
    }

    private void onScan(Record<String, byte[]> record, String topic) {
        long at = recordTime.ofInput(record.timestamp());
        Scan scan;
        try {
            scan = decoder.decode(topic, record.key(), record.headers(), record.value());
        } catch (PoisonRecordException e) {
            deadLetter(record, e, at);
            metrics.scan("dead_lettered");
            return;
        }
        SafetyScanRequest request = scan.request();
        BoundedClassifier.Result result = classifier.classify(new ClassificationInput(request.text(), request.authorRole()));
        Classification classification = result.classification();
        SessionRisk risk = riskOf(record.key());
        TrajectoryRule.Result raised = trajectory.apply(classification.tier(), risk.moderate(), record.timestamp());
        risk = risk.withModerate(raised.moderate());
        Tier tier = raised.tier();
        if (request.immediate() && tier.compareTo(Tier.HIGH) < 0) {
            // The gateway's pre-check saw crisis content: never less than high, whatever the classifier said.
            tier = Tier.HIGH;
        }
        Category category = classification.category() == Category.NONE && tier.escalates()
                ? Category.OTHER_POLICY : classification.category();
        Instant now = clock.instant();
        String escalationId = null;
        String route = null;
        if (tier.escalates()) {
            // Trajectory-raised tiers have no escalating signal of their own: those are pages.
            Route asked = raised.raised() ? Route.PAGE : Route.of(classification.signals(), request.immediate());
            EscalationStep step = policy.onCrisis(risk.escalations(), tier, category.wireName(), asked, scan.eventId(),
                    now);
            risk = risk.with(step.after(), false);
            escalationId = step.after().escalationId();
            route = step.after().route().wireName();
            publish(record.key(), step, at);
        }
        SafetyVerdict verdict = new SafetyVerdict(scan.eventId(), request.messageEventId(), request.sessionId(),
                category.wireName(), tier.wireName(), classification.tier().wireName(), raised.raised(), request.priority(),
                classification.signals().stream().map(s -> new SafetyVerdict.VerdictSignal(s.ruleId(),
                        s.category().wireName(), s.tier().wireName(), s.weight())).toList(),
                classification.rulesVersion(), classification.model().wireName(), result.outcome(), escalationId, now,
                route);
        forward(record.key(), events.verdict(verdict), at);
        metrics.verdict(tier.wireName());
        metrics.scan(result.outcome());
        save(record.key(), risk);
    }

    private void onCommand(Record<String, byte[]> record, String topic) {
        long at = recordTime.ofInput(record.timestamp());
        var command = commands.decode(topic, record.headers(), record.value());
        if (command.isEmpty()) {
            log.warn("Dropped an undecodable escalation command topic={} offset={}", topic,
                    context.recordMetadata().map(RecordMetadata::offset).orElse(-1L));
            metrics.command("dead_lettered");
            return;
        }
        var cmd = command.get();
        SessionRisk risk = riskOf(cmd.sessionId());
        Instant now = clock.instant();
        Optional<EscalationStep> step = risk.escalation(cmd.escalationId()).flatMap(e -> policy.onCommand(e, cmd, now));
        if (step.isEmpty()) {
            // Unknown, already resolved, or a second acknowledgement: audited as denied, nothing else changes.
            forward(cmd.sessionId(), events.deniedCommand(cmd, now), at);
            metrics.command("denied");
            return;
        }
        publish(cmd.sessionId(), step.get(), at);
        boolean resolved = SafetyEscalation.STATE_RESOLVED.equals(step.get().after().state());
        save(cmd.sessionId(), risk.with(step.get().after(), resolved));
        metrics.command("applied");
    }

    /**
     * Re-escalates every open escalation of this task whose deadline has passed (by the injected clock). Its records
     * carry a time the broker accepts ({@link RecordTime}); the store writes of a punctuation carry the wall-clock time
     * of the punctuation, which is why the changelog topics use LogAppendTime ({@link Changelogs}).
     */
    private void onTick() {
        Instant now = clock.instant();
        long at = recordTime.ofNoInput(context.currentStreamTimeMs(), clock.millis());
        Map<String, String> due = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> all = openEscalations.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> entry = all.next();
                due.put(entry.key, entry.value);
            }
        }
        for (Map.Entry<String, String> entry : due.entrySet()) {
            String sessionId = entry.getValue();
            SessionRisk risk = riskOf(sessionId);
            Optional<EscalationState> escalation = risk.escalation(entry.getKey());
            if (escalation.isEmpty()) {
                openEscalations.delete(entry.getKey());
                continue;
            }
            Optional<EscalationStep> step = policy.onTick(escalation.get(), now);
            if (step.isPresent()) {
                publish(sessionId, step.get(), at);
                save(sessionId, risk.with(step.get().after(), false));
            }
        }
    }

    private void publish(String sessionId, EscalationStep step, long at) {
        forward(sessionId, events.escalation(sessionId, step), at);
        forward(sessionId, events.audit(sessionId, step), at);
        metrics.step(step);
        String id = step.after().escalationId();
        if (SafetyEscalation.STATE_OPEN.equals(step.after().state())) {
            openEscalations.put(id, sessionId);
        } else {
            openEscalations.delete(id);
        }
        log.info("Escalation {} step={} state={} tier={} onCallLevel={} route={} paged={} session={}", id, step.step(),
                step.after().state(), step.after().tier().wireName(), step.after().onCallLevel(),
                step.after().route().wireName(), step.paged(), sessionId);
    }

    private void deadLetter(Record<String, byte[]> record, PoisonRecordException e, long at) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Map<String, String> why = new LinkedHashMap<>();
        why.put("tta_dlq_reason", e.reason());
        why.put("tta_dlq_detail", e.getMessage());
        why.put("tta_dlq_source_topic", source.topic());
        why.put("tta_dlq_source_partition", Integer.toString(source.partition()));
        why.put("tta_dlq_source_offset", Long.toString(source.offset()));
        why.put("tta_dlq_at", clock.instant().toString());
        log.warn("Dead-lettered a scan record topic={} partition={} offset={} reason={}", source.topic(),
                source.partition(), source.offset(), e.reason());
        Outbound dead = Events.deadLetter(record.value(), record.headers(), why);
        context.forward(new Record<>(record.key(), dead, at, dead.headers()));
    }

    /** {@code at} is the record timestamp, from {@link RecordTime}: not the worker's clock, which the broker may refuse. */
    private void forward(String key, Outbound outbound, long at) {
        tracing.inject(outbound.headers());
        context.forward(new Record<>(key, outbound, at, outbound.headers()));
    }

    private SessionRisk riskOf(String sessionId) {
        SessionRisk risk = sessionId == null ? null : risks.get(sessionId);
        return risk == null ? SessionRisk.EMPTY : risk;
    }

    private void save(String sessionId, SessionRisk risk) {
        if (risk.isEmpty()) {
            risks.delete(sessionId);
        } else {
            risks.put(sessionId, risk);
        }
    }

    static List<String> storeNames() {
        return new ArrayList<>(List.of(RISK_STORE, DEADLINE_STORE));
    }

    /** Decodes command records; an undecodable one is counted and skipped (only this service writes them). */
    static final class CommandDecoder {

        Optional<org.tta.schemas.payload.EscalationCommand> decode(String topic, Headers headers, byte[] value) {
            try {
                var event = new io.cloudevents.kafka.CloudEventDeserializer().deserialize(topic, headers, value);
                return Optional.of(org.tta.schemas.validation.PayloadValidator.standard().readValid(
                        org.tta.schemas.validation.PayloadSchema.ESCALATION_COMMAND, event.getData().toBytes(),
                        org.tta.schemas.payload.EscalationCommand.class));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }
}
