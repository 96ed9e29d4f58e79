package org.tta.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tta.audit.support.AuditEvents.aMessagePosted;
import static org.tta.audit.support.AuditEvents.anAuditEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.store.AuditRecordStore.AppendResult;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.support.AuditApi;
import org.tta.audit.support.AuditEvents;
import org.tta.audit.support.AuditTopic;
import org.tta.audit.support.Entries;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Kafka to PostgreSQL to the read API: once per event id, in Kafka order, never blocked by a bad record. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=audit-sink")
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailIT {

    private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TopicCatalog catalog;
    @Autowired
    RestTestClient client;
    @Autowired
    AuditRecordStore store;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    AuditTopic topic;
    AuditApi api;
    String reviewer;

    @BeforeAll
    void setUp() {
        topic = new AuditTopic(bootstrapServers, catalog.name(TopicId.AUDIT_RECORDS));
        api = new AuditApi(client);
        reviewer = Tokens.aReviewer("rita");
    }

    @AfterAll
    void closeTopic() {
        topic.close();
    }

    @Test
    void storesEachAuditRecordOnceWhenKafkaRedeliversIt() {
        String session = aSession();
        CloudEvent first = anAuditEvent(aMessagePosted(session, "first"));
        CloudEvent second = anAuditEvent(aMessagePosted(session, "second"));
        double duplicatesBefore = meters.get("tta.audit.duplicates").counter().count();

        topic.send(session, first);
        topic.send(session, first);
        topic.send(session, second);

        // One session's records share a partition: once the last is stored, the redelivery has been seen too.
        await().atMost(STORED_WITHIN).until(() -> rowsWithId(second.getId()) == 1);
        assertThat(rowsWithId(first.getId())).isEqualTo(1);
        assertThat(AuditApi.ids(api.allRecords(reviewer, session, 100)))
                .containsExactly(first.getId(), second.getId());
        await().atMost(STORED_WITHIN).untilAsserted(() ->
                assertThat(meters.get("tta.audit.duplicates").counter().count()).isEqualTo(duplicatesBefore + 1));
    }

    @Test
    void keepsOneSessionsRecordsInOrder() {
        String session = aSession();
        String other = aSession();
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            CloudEvent event = anAuditEvent(aMessagePosted(session, "message " + i));
            produced.add(event.getId());
            topic.send(session, event);
            topic.send(other, anAuditEvent(aMessagePosted(other, "other " + i)));
        }

        await().atMost(STORED_WITHIN).until(() -> api.allRecords(reviewer, session, 500).size() == produced.size());

        List<JsonNode> pagedBy20 = api.allRecords(reviewer, session, 20);
        assertThat(AuditApi.ids(pagedBy20)).containsExactlyElementsOf(produced);
        assertThat(pagedBy20).extracting(r -> r.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(pagedBy20).extracting(r -> r.get("content").asString()).startsWith("message 0", "message 1");
    }

    @Test
    void pagesThroughASessionWithTheCursor() {
        String session = aSession();
        List<String> produced = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CloudEvent event = anAuditEvent(aMessagePosted(session, "message " + i));
            produced.add(event.getId());
            topic.send(session, event);
        }
        await().atMost(STORED_WITHIN).until(() -> api.allRecords(reviewer, session, 500).size() == produced.size());

        // Only the messages: each read adds an audit.accessed record to the session it reads.
        String posted = AuditActions.MESSAGE_POSTED;
        JsonNode first = api.page(reviewer, session, null, 2, posted);
        JsonNode second = api.page(reviewer, session, first.get("next").asString(), 2, posted);
        JsonNode last = api.page(reviewer, session, second.get("next").asString(), 2, posted);

        assertThat(first.get("records")).extracting(r -> r.get("id").asString()).containsExactlyElementsOf(produced.subList(0, 2));
        assertThat(second.get("records")).extracting(r -> r.get("id").asString()).containsExactlyElementsOf(produced.subList(2, 4));
        assertThat(last.get("records")).extracting(r -> r.get("id").asString()).containsExactly(produced.get(4));
        assertThat(last.get("next").isNull()).isTrue();
    }

    @Test
    void countsAnUndecodableRecordAsRejectedAndStoresTheRecordsAfterIt() {
        String session = aSession();
        double undecodableBefore = rejected("undecodable");
        double invalidBefore = rejected("invalid");
        CloudEvent invalid = AuditEvents.withData(EventIds.newId(),
                "{\"action\":\"session.message.posted\"}".getBytes(StandardCharsets.UTF_8), session);
        CloudEvent valid = anAuditEvent(aMessagePosted(session, "after the bad ones"));

        topic.sendRaw(session, "not a CloudEvent".getBytes(StandardCharsets.UTF_8));
        topic.send(session, invalid);
        topic.send(session, valid);

        await().atMost(STORED_WITHIN).until(() -> rowsWithId(valid.getId()) == 1);
        assertThat(rowsWithId(invalid.getId())).isZero();
        await().atMost(STORED_WITHIN).untilAsserted(() -> {
            assertThat(rejected("undecodable")).isEqualTo(undecodableBefore + 1);
            assertThat(rejected("invalid")).isEqualTo(invalidBefore + 1);
        });
    }

    @Test
    void skipsARepeatedEventIdWithinOneBatchAndKeepsTheBatchOrder() {
        String session = aSession();
        AuditEntry first = Entries.aMessageEntry(session, "first");
        AuditEntry second = Entries.aMessageEntry(session, "second");

        AppendResult result = store.append(List.of(first, first, second));

        assertThat(result).isEqualTo(new AppendResult(2, 1));
        assertThat(store.session(session, 0, 10)).extracting(StoredAuditRecord::eventId)
                .containsExactly(first.eventId(), second.eventId());
        assertThat(store.session(session, 0, 10)).extracting(r -> r.chain().seq()).containsExactly(1L, 2L);
    }

    private double rejected(String reason) {
        return meters.get("tta.audit.rejected").tag("reason", reason).counter().count();
    }

    private int rowsWithId(String eventId) {
        return jdbc.queryForObject("select count(*) from audit_record where event_id = ?", Integer.class, eventId);
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
