package org.tta.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tta.audit.support.Entries.aMessageEntry;

import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.tta.audit.store.AuditEntry;
import org.tta.audit.store.AuditRecordStore;
import org.tta.audit.support.VerifyApi;
import org.tta.platform.problem.ProblemTypes;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.payload.AuditActions;
import org.tta.schemas.json.TtaJson;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;
import org.tta.schemas.validation.PayloadSchema;
import org.tta.schemas.validation.PayloadValidator;
import org.tta.testkit.KafkaProbe;
import org.tta.testkit.Tokens;
import org.tta.testkit.TtaIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Each session's rows form a hash chain; editing or deleting a row in SQL is caught, also against a signed checkpoint. */
@TtaIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false"})
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainVerificationIT {

    @Autowired
    AuditRecordStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    CheckpointKeys keys;
    @Autowired
    TopicCatalog catalog;
    @Autowired
    RestTestClient client;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    VerifyApi api;
    String reviewer;

    @BeforeAll
    void setUp() {
        api = new VerifyApi(client);
        reviewer = Tokens.aReviewer("rita");
    }

    @Test
    void reportsAnUntouchedSessionAsVerified() {
        String session = aSessionWith(5);

        JsonNode verification = api.verify(reviewer, session);

        // five messages and this verification's own access record, chained after them
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("records").asLong()).isEqualTo(6);
        assertThat(verification.get("headSeq").asLong()).isEqualTo(6);
        assertThat(verification.get("firstBrokenLink").isNull()).isTrue();
        assertThat(verification.get("checkpoint").get("status").asString()).isEqualTo("NONE");
    }

    @Test
    void catchesARowEditedInSql() {
        String session = aSessionWith(5);

        jdbc.update("update audit_record set outcome = 'failure' where session_id = ? and chain_seq = 3", session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("verified").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenLink").get("seq").asLong()).isEqualTo(3);
        assertThat(verification.get("firstBrokenLink").get("problem").asString()).isEqualTo("ALTERED");
    }

    @Test
    void catchesAnEditThatRecomputedTheRowHashAsABrokenLink() {
        String session = aSessionWith(4);
        // A forger who knows the canonical form rehashes the edited row; the next row still names the old hash.
        jdbc.update("update audit_record set outcome = 'failure' where session_id = ? and chain_seq = 2", session);
        var edited = jdbc.query("select " + org.tta.audit.store.StoredAuditRecords.COLUMNS
                + " from audit_record where session_id = ? and chain_seq = 2", org.tta.audit.store.StoredAuditRecords.MAPPER, session).getFirst();
        jdbc.update("update audit_record set row_hash = ? where session_id = ? and chain_seq = 2", CanonicalForm.hash(edited), session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("firstBrokenLink").get("seq").asLong()).isEqualTo(3);
        assertThat(verification.get("firstBrokenLink").get("problem").asString()).isEqualTo("LINK_BROKEN");
    }

    @Test
    void catchesADeletedRow() {
        String session = aSessionWith(5);

        jdbc.update("delete from audit_record where session_id = ? and chain_seq = 2", session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("verified").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenLink").get("seq").asLong()).isEqualTo(2);
        assertThat(verification.get("firstBrokenLink").get("problem").asString()).isEqualTo("MISSING");
    }

    @Test
    void catchesADeletedLastRowByTheChainHead() {
        String session = aSessionWith(3);

        jdbc.update("delete from audit_record where session_id = ? and chain_seq = 3", session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("verified").asBoolean()).isFalse();
        assertThat(verification.get("firstBrokenLink").get("seq").asLong()).isEqualTo(3);
        assertThat(verification.get("firstBrokenLink").get("problem").asString()).isEqualTo("MISSING");
    }

    @Test
    void catchesATailDeletedTogetherWithARewoundHeadThroughTheSignedCheckpoint() {
        String session = aSessionWith(3);
        checkpoints.checkpointNow();

        // Delete the last row and rewind the head so the chain itself looks whole: only the checkpoint knows.
        jdbc.update("delete from audit_record where session_id = ? and chain_seq = 3", session);
        jdbc.update("update audit_chain_head set last_seq = 2, last_hash = (select row_hash from audit_record "
                + "where session_id = ? and chain_seq = 2) where chain_id = ?", session, "session:" + session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("firstBrokenLink").isNull()).isTrue();
        assertThat(verification.get("checkpoint").get("status").asString()).isEqualTo("CHAIN_DIFFERS");
        assertThat(verification.get("verified").asBoolean()).isFalse();
    }

    @Test
    void checksTheChainAgainstItsLatestSignedCheckpoint() {
        String session = aSessionWith(2);
        checkpoints.checkpointNow();
        store.append(List.of(aMessageEntry(session, "after the checkpoint")));

        JsonNode verification = api.verify(Tokens.anOperator("otto"), session);

        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(verification.get("checkpoint").get("status").asString()).isEqualTo("MATCHES");
        assertThat(verification.get("checkpoint").get("seq").asLong()).isEqualTo(2);
        assertThat(verification.get("headSeq").asLong()).isEqualTo(4);
    }

    @Test
    void catchesACheckpointWhoseStoredHeadsWereEdited() {
        String session = aSessionWith(2);
        checkpoints.checkpointNow();

        jdbc.update("update audit_checkpoint_entry set head_hash = ? where chain_id = ?", new byte[32], "session:" + session);

        JsonNode verification = api.verify(reviewer, session);
        assertThat(verification.get("checkpoint").get("status").asString()).isEqualTo("CHECKPOINT_INVALID");
        assertThat(verification.get("verified").asBoolean()).isFalse();
    }

    @Test
    void publishesEachCheckpointSignedToTheCheckpointTopic() throws Exception {
        String session = aSessionWith(2);
        try (KafkaProbe probe = KafkaProbe.on(bootstrapServers, catalog.name(TopicId.AUDIT_CHECKPOINTS))) {
            List<Checkpoint> made = checkpoints.checkpointNow();
            assertThat(made).isNotEmpty();
            Checkpoint mine = made.stream().filter(c -> c.entries().stream()
                    .anyMatch(e -> e.chainId().equals("session:" + session))).findFirst().orElseThrow();

            List<CloudEvent> published = new ArrayList<>();
            for (var record : probe.awaitRecords(made.size(), Duration.ofSeconds(60))) {
                assertThat(record.key()).isNotBlank();
                published.add(KafkaProbe.toCloudEvent(record));
            }
            CloudEvent event = published.stream().filter(e -> data(e).get("checkpointId").asString()
                    .equals(mine.checkpointId())).findFirst().orElseThrow();
            assertThat(event.getType()).isEqualTo(EventTypes.AUDIT_CHECKPOINT);
            byte[] bytes = event.getData().toBytes();
            assertThat(PayloadValidator.standard().validate(PayloadSchema.AUDIT_CHECKPOINT, bytes)).isEmpty();

            // Anyone with the public key can check it, without the database.
            JsonNode doc = data(event);
            byte[] root = HexFormat.of().parseHex(doc.get("merkleRoot").asString());
            List<MerkleTree.Leaf> leaves = new ArrayList<>();
            doc.get("entries").forEach(e -> leaves.add(new MerkleTree.Leaf(e.get("chainId").asString(), e.get("seq").asLong(),
                    HexFormat.of().parseHex(e.get("hash").asString()))));
            assertThat(MerkleTree.root(leaves)).isEqualTo(root);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey())));
            verifier.update(Checkpoint.signedBytes(doc.get("checkpointId").asString(),
                    java.time.Instant.parse(doc.get("createdAt").asString()), doc.get("keyId").asString(), leaves.size(), root));
            assertThat(verifier.verify(Base64.getDecoder().decode(doc.get("signature").asString()))).isTrue();
        }
        assertThat(jdbc.queryForObject("select count(*) from audit_checkpoint where not published", Integer.class)).isZero();
    }

    @Test
    void recordsEachVerificationWithItsReasonInTheSessionsChainBeforeReadingIt() {
        String session = aSessionWith(2);
        String reason = "chain check " + EventIds.newId();

        JsonNode verification = api.verify(Tokens.anOperator("otto"), session, reason);

        Map<String, Object> access = jdbc.queryForMap("""
                select event_id, chain_seq, subject_id, subject_role, resource_type, resource_id, payload ->> 'reason' as reason
                from audit_record where session_id = ? and action = ?""", session, AuditActions.AUDIT_ACCESSED);
        assertThat(access).containsEntry("event_id", verification.get("accessId").asString())
                .containsEntry("chain_seq", 3L).containsEntry("subject_id", "otto").containsEntry("subject_role", "ops")
                .containsEntry("resource_type", "audit.verify").containsEntry("resource_id", session)
                .containsEntry("reason", reason);
        assertThat(verification.get("headSeq").asLong()).isEqualTo(3);
        assertThat(verification.get("verified").asBoolean()).isTrue();
    }

    @Test
    void verifiesASessionNeverReadBeforeAsTheChainOfItsOneAccessRecord() {
        String session = "session-" + EventIds.newId();

        JsonNode verification = api.verify(reviewer, session);

        assertThat(verification.get("records").asLong()).isEqualTo(1);
        assertThat(verification.get("verified").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select action from audit_record where session_id = ?", String.class, session))
                .isEqualTo(AuditActions.AUDIT_ACCESSED);
    }

    @ParameterizedTest
    @MethodSource("badReasons")
    void refusesAVerificationWithoutAUsableReasonAndRecordsNothing(BadReason bad) {
        String session = aSessionWith(1);

        api.get(reviewer, session, bad.reason())
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION_FAILED.toString())
                .jsonPath("$.errors[0].parameter").isEqualTo("reason");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where session_id = ?", Integer.class, session))
                .isEqualTo(1);
    }

    record BadReason(String name, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadReason> badReasons() {
        return List.of(new BadReason("missing", null), new BadReason("blank", "   "),
                new BadReason("too long", "x".repeat(501)), new BadReason("control character", "line\u0007bell"));
    }

    @Test
    void refusesToVerifyWhenTheAccessCannotBeRecorded() {
        String session = aSessionWith(2);
        // The store claims every event id in audit_event_id first: without it, no insert can succeed.
        jdbc.execute("alter table audit_event_id rename to audit_event_id_offline");
        try {
            api.get(reviewer, session)
                    .expectStatus().isEqualTo(503)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.AUDIT_TRAIL_UNAVAILABLE.toString())
                    .jsonPath("$.headHash").doesNotExist();
        } finally {
            jdbc.execute("alter table audit_event_id_offline rename to audit_event_id");
        }
    }

    @Test
    void forbidsCallersWithoutTheReviewerOrOpsRole() {
        String session = aSessionWith(1);
        api.get(Tokens.aPatient("pat"), session)
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN.toString());
    }

    private byte[] publicKey() {
        return keys.publicKeyBytes();
    }

    private static JsonNode data(CloudEvent event) {
        return TtaJson.mapper().readTree(event.getData().toBytes());
    }

    private String aSessionWith(int records) {
        String session = "session-" + EventIds.newId();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            entries.add(aMessageEntry(session, "message " + i));
        }
        store.append(entries);
        return session;
    }
}
