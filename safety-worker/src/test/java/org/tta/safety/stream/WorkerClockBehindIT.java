package org.tta.safety.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.tta.schemas.topics.TopicId;

/**
 * The worker's clock two hours behind the broker's, whose topics here refuse record timestamps more than an hour
 * behind ({@code message.timestamp.before.max.ms}; unlimited by default, a cluster may set it).
 */
@TestPropertySource(properties = "tta.test.clock-skew=-PT2H")
class WorkerClockBehindIT extends SkewedWorkerScenario {

    @Value("${spring.kafka.streams.application-id}")
    String applicationId;

    @BeforeEach
    void refuseTimestampsAnHourBehind() throws Exception {
        List<String> changelogs = Stream.of(SafetyProcessor.RISK_STORE, SafetyProcessor.DEADLINE_STORE)
                .map(store -> applicationId + "-" + store + "-changelog").toList();
        List<String> written = Stream.concat(changelogs.stream(), Stream.of(TopicId.SAFETY_VERDICTS,
                TopicId.SAFETY_ESCALATIONS, TopicId.AUDIT_RECORDS, TopicId.SAFETY_SCANS_DLQ).map(topics::name)).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Streams creates its changelog topics once it has its tasks.
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().containsAll(changelogs));
            AlterConfigOp limit = new AlterConfigOp(new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
                    Long.toString(Duration.ofHours(1).toMillis())), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(written.stream().collect(java.util.stream.Collectors.toMap(
                    topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic), topic -> List.of(limit))))
                    .all().get();
        }
    }
}
