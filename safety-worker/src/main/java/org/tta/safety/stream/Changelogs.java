package org.tta.safety.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The changelog topics of the worker's two stores, which take the broker's time ({@code LogAppendTime}): a store write
 * in the deadline punctuator is stamped with the punctuation's wall-clock time (the worker's system clock), which a
 * broker refuses when it is more than {@code message.timestamp.after.max.ms} ahead of its own, failing the stream
 * thread; with LogAppendTime the broker stamps the records itself and checks no producer time. Restoring a key-value
 * store ignores the timestamps.
 */
public final class Changelogs {

    static final String LOG_APPEND_TIME = "LogAppendTime";
    static final Map<String, String> CONFIG = Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME);

    private Changelogs() {
    }

    /** Kafka Streams' names for them: {@code <application.id>-<store>-changelog}. */
    public static List<String> topics(String applicationId) {
        return SafetyProcessor.storeNames().stream().map(store -> applicationId + "-" + store + "-changelog").toList();
    }

    /**
     * Sets LogAppendTime on those changelog topics that exist without it: Streams applies a store's topic config only
     * when it creates the topic, so a changelog made before this setting keeps CreateTime. A missing topic is left to
     * Streams. Returns the topics changed.
     */
    public static List<String> setLogAppendTime(Admin admin, String applicationId, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long ms = timeout.toMillis();
        Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
        List<ConfigResource> changelogs = topics(applicationId).stream().filter(existing::contains)
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        if (changelogs.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(changelogs).all().get(ms, TimeUnit.MILLISECONDS);
        List<ConfigResource> stale = configs.entrySet().stream()
                .filter(e -> !LOG_APPEND_TIME.equals(valueOf(e.getValue(), TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG)))
                .map(Map.Entry::getKey).toList();
        if (stale.isEmpty()) {
            return List.of();
        }
        Collection<AlterConfigOp> set = List.of(new AlterConfigOp(
                new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME), AlterConfigOp.OpType.SET));
        admin.incrementalAlterConfigs(stale.stream().collect(Collectors.toMap(topic -> topic, topic -> set)))
                .all().get(ms, TimeUnit.MILLISECONDS);
        return stale.stream().map(ConfigResource::name).toList();
    }

    private static String valueOf(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }
}
