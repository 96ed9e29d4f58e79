package org.tta.system.checks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.tta.system.harness.SystemUnderTest;
import tools.jackson.databind.ObjectMapper;

/**
 * What the system recorded, read back for the end checks: the session messages per session in Kafka's order
 * ({@code read_committed}), the audit trail's message records per session in chain order (PostgreSQL, the
 * system of record), and the escalation steps per session.
 */
public final class Trails {

    public static final String SESSION_EVENTS = "tta.session.events.v1";
    public static final String ESCALATIONS = "tta.safety.escalations.v1";
    private static final String MESSAGE_TYPE = "org.tta.session.message.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemUnderTest system;

    public Trails(SystemUnderTest system) {
        this.system = system;
    }

    /** A session message as Kafka holds it: its event id and its text (the load's texts are synthetic). */
    public record Message(String id, String text) {
    }

    /** Session id to its session messages, in partition order. */
    public Map<String, List<Message>> kafkaMessages() {
        Map<String, List<Message>> bySession = new LinkedHashMap<>();
        readAll(SESSION_EVENTS, (record, type) -> {
            if (MESSAGE_TYPE.equals(type)) {
                String text = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8)).path("text").asString("");
                bySession.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(new Message(header(record, "ce_id"), text));
            }
        });
        return bySession;
    }

    /**
     * The escalations per session, by how they reached clinicians (ADR 0006, review route).
     *
     * @param paged     session id to the number of escalations the rules paged: opened on the page route (a step
     *                  without a route is a page), or a review escalation the rules made a page in its episode
     * @param reviews   session id to the number of escalations opened on the review route (the statistical signal
     *                  alone: a guess, for the clinical review queue)
     * @param timedOut  session id to the number of review escalations that became a page because nobody acknowledged
     *                  them by their review deadline
     */
    public record Escalations(Map<String, Integer> paged, Map<String, Integer> reviews, Map<String, Integer> timedOut) {
    }

    /** The escalation steps of every session, counted as {@link Escalations}. */
    public Escalations escalations() {
        Map<String, Integer> paged = new HashMap<>();
        Map<String, Integer> reviews = new HashMap<>();
        Map<String, Integer> timedOut = new HashMap<>();
        readAll(ESCALATIONS, (record, type) -> {
            var data = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            String step = data.path("step").asString("");
            boolean review = "review".equals(data.path("route").asString("page"));
            boolean fromReview = "review".equals(data.path("previousRoute").asString(""));
            if ("opened".equals(step)) {
                (review ? reviews : paged).merge(record.key(), 1, Integer::sum);
            } else if (fromReview && "updated".equals(step)) {
                paged.merge(record.key(), 1, Integer::sum);
            } else if (fromReview) {
                timedOut.merge(record.key(), 1, Integer::sum);
            }
        });
        return new Escalations(paged, reviews, timedOut);
    }

    /** Session id to the event ids of its message records in the audit trail, in chain order. */
    public Map<String, List<String>> auditMessages() throws SQLException {
        Map<String, List<String>> bySession = new LinkedHashMap<>();
        try (Connection c = system.postgres.connect();
             PreparedStatement s = c.prepareStatement("select session_id, resource_id from audit_record "
                     + "where action = 'session.message.posted' order by chain_id, chain_seq");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                bySession.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return bySession;
    }

    private void readAll(String topic, BiConsumer<ConsumerRecord<String, byte[]>, String> onRecord) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    onRecord.accept(record, header(record, "ce_type"));
                }
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
