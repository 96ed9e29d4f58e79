package org.tta.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tta.audit.support.Entries.aMessageEntry;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.phi.ContentCipher;
import org.tta.audit.phi.ContentUnavailableException;
import org.tta.audit.phi.CryptoProperties;
import org.tta.audit.phi.DataKeyRing;
import org.tta.audit.phi.DecryptedContent;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.testkit.TtaIntegrationTest;

/** Message text is encrypted at rest under rotatable keys, and the ingest role can only insert and read. */
@TtaIntegrationTest
@SpringBootTest(properties = {"spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false"})
class AtRestProtectionIT {

    private static final String TEXT = "I have felt hopeless every night this week";
    private static final String NEW_KEK = Base64.getEncoder()
            .encodeToString("rotated-key-encryption-key-00002".getBytes(StandardCharsets.US_ASCII));

    @Autowired
    AuditRecordStore store;
    @Autowired
    ContentCipher cipher;
    @Autowired
    CryptoProperties crypto;
    @Autowired
    StoreProperties storeProperties;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    @Qualifier("auditClock")
    Clock clock;

    @Test
    void storesMessageTextOnlyEncryptedAndDecryptsItForTheReviewerPath() {
        String session = aSession();
        store.append(List.of(aMessageEntry(session, TEXT)));

        // No column of the row, cast to text, holds the words.
        assertThat(jdbc.queryForObject("select count(*) from audit_record r where session_id = ? and r::text like ?",
                Integer.class, session, "%hopeless%")).isZero();
        StoredAuditRecord row = store.session(session, 0, 10).getFirst();
        assertThat(new String(row.content().ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hopeless");
        assertThat(row.payloadJson()).doesNotContain("hopeless");

        assertThat(cipher.decrypt(row)).map(DecryptedContent::text).contains(TEXT);
        assertThat(cipher.decrypt(row).orElseThrow().fields()).containsOnlyKeys("/content");
    }

    @Test
    void keepsMetadataQueryableInClear() {
        String session = aSession();
        store.append(List.of(aMessageEntry(session, TEXT)));

        assertThat(jdbc.queryForObject("select count(*) from audit_record where session_id = ? and action = ? "
                + "and subject_id = 'patient-7' and payload->>'action' = ?", Integer.class, session,
                "session.message.posted", "session.message.posted")).isEqualTo(1);
    }

    @Test
    void decryptsOldRowsAfterAKekRotationWhileNewRowsUseTheNewKek() {
        String session = aSession();
        store.append(List.of(aMessageEntry(session, "before the rotation")));

        CryptoProperties rotated = new CryptoProperties(Map.of(crypto.activeKekId(), crypto.kek().get(crypto.activeKekId()),
                "kek-2", NEW_KEK), "kek-2", Duration.ofHours(1));
        DataKeyRing rotatedKeys = new DataKeyRing(jdbc, rotated, clock);
        ContentCipher rotatedCipher = new ContentCipher(rotatedKeys);
        AuditRecordStore rotatedStore = new JdbcAuditRecordStore(jdbc, transaction, rotatedKeys, rotatedCipher,
                storeProperties, clock);
        rotatedStore.append(List.of(aMessageEntry(session, "after the rotation")));

        List<StoredAuditRecord> rows = store.session(session, 0, 10);
        assertThat(rows).extracting(r -> rotatedCipher.decrypt(r).orElseThrow().text())
                .containsExactly("before the rotation", "after the rotation");
        assertThat(rows).extracting(this::kekOf).containsExactly(crypto.activeKekId(), "kek-2");
        // Old rows are not rewritten: each row keeps naming the data key (and so the KEK) it was written with.
        assertThat(rows.get(0).content().dataKeyId()).isNotEqualTo(rows.get(1).content().dataKeyId());
        // A service that never got the new KEK cannot read the new row.
        assertThatThrownBy(() -> cipher.decrypt(rows.get(1))).isInstanceOf(ContentUnavailableException.class);
    }

    @Test
    void refusesToDecryptACiphertextMovedToAnotherRow() {
        String session = aSession();
        store.append(List.of(aMessageEntry(session, "first"), aMessageEntry(session, "second")));
        List<StoredAuditRecord> rows = store.session(session, 0, 10);

        jdbc.update("update audit_record set content_ciphertext = ?, content_nonce = ? where event_id = ?",
                rows.get(0).content().ciphertext(), rows.get(0).content().nonce(), rows.get(1).eventId());

        StoredAuditRecord moved = store.session(session, 0, 10).get(1);
        assertThatThrownBy(() -> cipher.decrypt(moved)).isInstanceOf(ContentUnavailableException.class);
    }

    static Stream<String> forbiddenStatements() {
        return Stream.of(
                "update audit_record set outcome = 'failure'",
                "delete from audit_record",
                "truncate audit_record",
                "delete from audit_event_id",
                "update audit_data_key set kek_id = 'x'",
                "delete from audit_chain_head",
                "drop table audit_record_default");
    }

    @ParameterizedTest
    @MethodSource("forbiddenStatements")
    void writerRoleCannotChangeOrRemoveAuditRows(String statement) {
        store.append(List.of(aMessageEntry(aSession(), "a row to protect")));
        int before = jdbc.queryForObject("select count(*) from audit_record", Integer.class);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.execute("set local role " + storeProperties.writerRole());
            jdbc.execute(statement);
        })).isInstanceOf(DataAccessException.class)
                // insufficient_privilege, or must be owner of table (also 42501)
                .satisfies(e -> assertThat(sqlState((DataAccessException) e)).isEqualTo("42501"));
        assertThat(jdbc.queryForObject("select count(*) from audit_record", Integer.class)).isEqualTo(before);
    }

    @Test
    void writerRoleCanInsertAndRead() {
        String session = aSession();
        Integer stored = transaction.execute(status -> {
            jdbc.execute("set local role " + storeProperties.writerRole());
            assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(storeProperties.writerRole());
            store.append(List.of(aMessageEntry(session, "written as the writer role")));
            return jdbc.queryForObject("select count(*) from audit_record where session_id = ?", Integer.class, session);
        });
        assertThat(stored).isEqualTo(1);
    }

    private String kekOf(StoredAuditRecord row) {
        return jdbc.queryForObject("select kek_id from audit_data_key where id = ?", String.class, row.content().dataKeyId());
    }

    private static String sqlState(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : "none";
    }

    private static String aSession() {
        return "session-" + EventIds.newId();
    }
}
