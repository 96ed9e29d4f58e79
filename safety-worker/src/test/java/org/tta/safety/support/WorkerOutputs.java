package org.tta.safety.support;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.KafkaProbe;

/**
 * The worker's output topics as a {@link SafetyWorkerIntegrationTest} reads them: one {@link KafkaProbe} per topic
 * (read_committed, from the beginning, in a group of its own), opened on first use in a test and closed after it.
 * Register it as a field: {@code @RegisterExtension final WorkerOutputs outputs = new WorkerOutputs();}. Not
 * thread-safe, as a probe is not.
 */
public final class WorkerOutputs implements BeforeEachCallback, AfterEachCallback {

    private final Map<TopicId, KafkaProbe> probes = new EnumMap<>(TopicId.class);
    private TopicCatalog topics;
    private String bootstrap;

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext worker = SpringExtension.getApplicationContext(context);
        topics = worker.getBean(TopicCatalog.class);
        bootstrap = worker.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        probes.values().forEach(KafkaProbe::close);
        probes.clear();
    }

    /** {@code tta.safety.verdicts.v1}. */
    public KafkaProbe verdicts() {
        return of(TopicId.SAFETY_VERDICTS);
    }

    /** {@code tta.safety.escalations.v1}. */
    public KafkaProbe escalations() {
        return of(TopicId.SAFETY_ESCALATIONS);
    }

    /** {@code tta.audit.records.v1}. */
    public KafkaProbe audit() {
        return of(TopicId.AUDIT_RECORDS);
    }

    /** The probe of one of the test namespace's topics; the same one for the rest of the test. */
    public KafkaProbe of(TopicId topic) {
        if (topics == null) {
            throw new IllegalStateException("WorkerOutputs is used outside a test: register it with @RegisterExtension");
        }
        return probes.computeIfAbsent(topic, id -> KafkaProbe.on(bootstrap, topics.name(id)));
    }
}
