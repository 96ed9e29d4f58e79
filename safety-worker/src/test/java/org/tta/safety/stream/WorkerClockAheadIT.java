package org.tta.safety.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * The worker's clock two hours ahead of the broker's, which refuses record timestamps more than
 * {@code message.timestamp.after.max.ms} (1 hour by default) ahead of its own.
 */
@TestPropertySource(properties = "tta.test.clock-skew=PT2H")
class WorkerClockAheadIT extends SkewedWorkerScenario {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Value("${spring.kafka.streams.application-id}")
    String applicationId;

    /** The punctuator's store writes carry the worker's clock: the broker must stamp its changelog records itself. */
    @Test
    void theChangelogTopicsTakeTheBrokersTimeAlsoWhenTheyExistedWithout() throws Exception {
        List<String> changelogs = Changelogs.topics(applicationId);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics().names().get().containsAll(changelogs));
            assertThat(changelogs).allSatisfy(topic -> assertThat(timestampType(admin, topic)).isEqualTo("LogAppendTime"));
            assertThat(Changelogs.setLogAppendTime(admin, applicationId, TIMEOUT)).isEmpty();

            ConfigResource risk = new ConfigResource(ConfigResource.Type.TOPIC, changelogs.getFirst());
            admin.incrementalAlterConfigs(Map.of(risk, List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"), AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(TIMEOUT).until(() -> timestampType(admin, risk.name()).equals("CreateTime"));

            assertThat(Changelogs.setLogAppendTime(admin, applicationId, TIMEOUT)).containsExactly(risk.name());
            await().atMost(TIMEOUT).until(() -> timestampType(admin, risk.name()).equals("LogAppendTime"));
        }
    }

    private static String timestampType(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value();
    }
}
