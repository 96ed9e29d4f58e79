package org.tta.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.support.AuditTopic;
import org.tta.audit.support.OwnPostgres;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.TtaIntegrationTest;

/**
 * The PostgreSQL server stops while records flow. The sink runs against a server of this test's own (its own
 * port and data directory; the shared server is never touched), which the test really stops: the server process
 * is gone and its port refuses connections. Meanwhile the sink commits no offset, holds its failed batch and
 * fetches nothing more (the consumer is paused while the batch is retried); once the same server is started
 * again on the same data directory and port, it stores the backlog, each record exactly once, and each
 * session's chain verifies.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {
        "spring.config.name=audit-sink",
        "tta.audit.scheduling.enabled=false",
        "tta.audit.retry-initial-interval=100ms",
        "tta.audit.retry-max-interval=400ms",
        // Fail an attempt fast while the server is down, instead of waiting 5 s for a connection.
        "spring.datasource.hikari.connection-timeout=1000"})
@DirtiesContext
class DatabaseOutageIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final int DURING_OUTAGE = 30;

    static OwnPostgres postgres;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TopicCatalog catalog;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;
    @Value("${spring.kafka.consumer.group-id}")
    String groupId;

    @BeforeAll
    static void startOwnPostgres() {
        postgres = OwnPostgres.startFresh();
    }

    @AfterAll
    static void removeOwnPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Points the sink at the test's own server, keeping the test namespace's schema of the shared URL. */
    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {

        @Bean
        JdbcConnectionDetails ownPostgresConnection(Environment environment) {
            String shared = environment.getRequiredProperty("spring.datasource.url");
            String query = shared.contains("?") ? shared.substring(shared.indexOf('?')) : "";
            String url = postgres.jdbcUrl(query);
            return new JdbcConnectionDetails() {
                @Override
                public String getUsername() {
                    return "postgres";
                }

                @Override
                public String getPassword() {
                    return "";
                }

                @Override
                public String getJdbcUrl() {
                    return url;
                }
            };
        }
    }

    @Test
    void pausesAndCommitsNothingWhileItsServerIsStoppedThenStoresTheBacklogExactlyOnce() throws Exception {
        assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class)).isEqualTo(postgres.port());
        List<String> sessions = List.of(aSession(), aSession(), aSession());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sessions.forEach(s -> sent.put(s, new ArrayList<>()));
        double fetchedWhilePaused;
        try (AuditTopic topic = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS))) {
            send(topic, sessions.getFirst(), "before", sent);
            await().atMost(WITHIN).until(() -> eventIdsOf(sessions.getFirst()).size() == 1);
            await().atMost(WITHIN).until(() -> committedOffsets() >= 1);
            long committedBefore = committedOffsets();

            postgres.stop();
            assertThat(postgres.running()).isFalse();
            assertThat(postgres.acceptsConnections()).isFalse();

            // The first record of the outage is fetched, fails to store, and is held: the consumer pauses.
            double failuresBefore = failedWrites();
            send(topic, sessions.get(1), "during 0", sent);
            await().atMost(WITHIN).until(() -> failedWrites() >= failuresBefore + 1);
            fetchedWhilePaused = recordsFetched();
            for (int i = 1; i < DURING_OUTAGE; i++) {
                send(topic, sessions.get(i % sessions.size()), "during " + i, sent);
            }
            // Several more attempts at the held batch after everything was sent; still nothing fetched or committed.
            double failuresAfterSending = failedWrites();
            await().atMost(WITHIN).until(() -> failedWrites() >= failuresAfterSending + 3);
            assertThat(recordsFetched()).isEqualTo(fetchedWhilePaused);
            assertThat(committedOffsets()).isEqualTo(committedBefore);

            postgres.start();
            assertThat(postgres.acceptsConnections()).isTrue();
        }

        for (String session : sessions) {
            // The pool may still be reconnecting when the test first asks: a refused connection is not an answer yet.
            await().atMost(WITHIN).ignoreException(CannotGetJdbcConnectionException.class)
                    .until(() -> eventIdsOf(session).size() >= sent.get(session).size());
            assertThat(eventIdsOf(session)).containsExactlyElementsOf(sent.get(session));
            assertThat(verifier.verifySession(session).orElseThrow().intact()).isTrue();
        }
        await().atMost(WITHIN).until(() -> committedOffsets() >= 1 + DURING_OUTAGE);
        assertThat(recordsFetched()).isGreaterThan(fetchedWhilePaused);
        assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class)).isEqualTo(postgres.port());
    }

    private void send(AuditTopic topic, String session, String text, Map<String, List<String>> sent) {
        CloudEvent event = anAuditEvent(aMessagePosted(session, text));
        topic.send(session, event);
        sent.get(session).add(event.getId());
    }

    /** The sum of the group's committed offsets on the audit records topic. */
    private long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith(catalog.name(TopicId.AUDIT_RECORDS) + "-"))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        }
    }

    /** How many records the sink's consumer has handed to the listener (Kafka's records-consumed-total). */
    private double recordsFetched() {
        double total = 0;
        for (Map<MetricName, ? extends Metric> client : listeners.getListenerContainer("audit-sink").metrics().values()) {
            for (var metric : client.entrySet()) {
                MetricName name = metric.getKey();
                if (name.name().equals("records-consumed-total") && name.group().equals("consumer-fetch-manager-metrics")
                        && !name.tags().containsKey("topic")) {
                    total += ((Number) metric.getValue().metricValue()).doubleValue();
                }
            }
        }
        return total;
    }

    private double failedWrites() {
        return meters.get("tta.audit.batch.write").tag("outcome", "failure").timer().count();
    }

    private List<String> eventIdsOf(String session) {
        return jdbc.queryForList("select event_id from audit_record where session_id = ? order by chain_seq", String.class,
                session);
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
