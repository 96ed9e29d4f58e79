package org.tta.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tta.audit.support.Entries.aMessageEntry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.chain.ChainVerifier;
import org.tta.audit.phi.ContentCipher;
import org.tta.audit.phi.ContentUnavailableException;
import org.tta.audit.phi.CryptoProperties;
import org.tta.audit.phi.DataKeyRewrap;
import org.tta.audit.phi.DataKeyRing;
import org.tta.audit.phi.DecryptedContent;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.testkit.TtaIntegrationTest;

/**
 * After a KEK rotation the data keys of old rows are re-wrapped under the new KEK, in place, so that the retired
 * KEK can leave the configuration and the old rows still decrypt; no audit row changes, and the chain still
 * verifies. Each deployment below is the same database seen with another KEK configuration.
 */
@TtaIntegrationTest
@SpringBootTest(properties = {"spring.config.name=audit-sink", "tta.audit.scheduling.enabled=false"})
class DataKeyRewrapIT {

    private static final String OLD_KEK = key("retired-key-encryption-key-00001");
    private static final String NEW_KEK = key("current-key-encryption-key-00002");

    @Autowired
    AuditRecordStore store;
    @Autowired
    CryptoProperties crypto;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    StoreProperties storeProperties;
    @Autowired
    ChainVerifier verifier;
    @Autowired
    @Qualifier("auditClock")
    Clock clock;

    @Test
    void movesOldDataKeysUnderTheNewKekSoThatTheRetiredKekCanBeRemoved() {
        String session = "session-" + EventIds.newId();
        Deployment before = deployment(Map.of("kek-old", OLD_KEK), "kek-old");
        before.store().append(List.of(aMessageEntry(session, "written under the old KEK")));
        StoredAuditRecord original = store.session(session, 0, 10).getFirst();
        String rowBefore = rowAsText(original);

        DataKeyRewrap.Result result = rewrap(Map.of("kek-old", OLD_KEK, "kek-new", NEW_KEK), "kek-new").rewrapToActive();

        assertThat(result.rewrapped()).containsEntry("kek-old", 1);
        assertThat(kekOf(original)).isEqualTo("kek-new");
        // The retired KEK is gone from the configuration; the old row still decrypts.
        Deployment after = deployment(Map.of("kek-new", NEW_KEK), "kek-new");
        StoredAuditRecord row = store.session(session, 0, 10).getFirst();
        assertThat(after.cipher().decrypt(row)).map(DecryptedContent::text).contains("written under the old KEK");
        // The key row moved: a deployment that has only the retired KEK no longer finds its KEK named there.
        Deployment retiredOnly = deployment(Map.of("kek-old", OLD_KEK), "kek-old");
        assertThatThrownBy(() -> retiredOnly.cipher().decrypt(row)).isInstanceOf(ContentUnavailableException.class);
        // Nothing of the audit row changed: same key id, ciphertext and hash; the chain still verifies.
        assertThat(rowAsText(row)).isEqualTo(rowBefore);
        assertThat(verifier.verifySession(session).orElseThrow().intact()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_record where action = ? and payload -> 'fromKeks' ->> 'kek-old' = '1'",
                Integer.class, "audit.keys.rewrapped")).isEqualTo(1);
    }

    @Test
    void leavesKeysOfUnconfiguredKeksAloneAndDoesNothingTheSecondTime() {
        String session = "session-" + EventIds.newId();
        deployment(Map.of("kek-a", OLD_KEK), "kek-a").store().append(List.of(aMessageEntry(session, "under kek-a")));
        store.append(List.of(aMessageEntry(session, "under this service's own KEK")));
        DataKeyRewrap toNew = rewrap(Map.of("kek-a", OLD_KEK, "kek-b", NEW_KEK), "kek-b");

        DataKeyRewrap.Result first = toNew.rewrapToActive();
        DataKeyRewrap.Result again = toNew.rewrapToActive();

        assertThat(first.rewrapped()).containsEntry("kek-a", 1);
        // This service's KEK is not in that configuration: its keys are counted and left as they are.
        assertThat(first.unavailable()).containsKey(crypto.activeKekId());
        assertThat(again.rewrapped()).doesNotContainKey("kek-a");
        List<StoredAuditRecord> rows = store.session(session, 0, 10);
        assertThat(rows).extracting(this::kekOf).containsExactly("kek-b", crypto.activeKekId());
    }

    /** One audit-sink's view of the database with these KEKs. */
    private record Deployment(AuditRecordStore store, ContentCipher cipher) {
    }

    private Deployment deployment(Map<String, String> keks, String active) {
        DataKeyRing keys = new DataKeyRing(jdbc, new CryptoProperties(keks, active, Duration.ofHours(1)), clock);
        ContentCipher cipher = new ContentCipher(keys);
        return new Deployment(new JdbcAuditRecordStore(jdbc, transaction, keys, cipher, storeProperties, clock), cipher);
    }

    private DataKeyRewrap rewrap(Map<String, String> keks, String active) {
        return new DataKeyRewrap(jdbc, transaction, new CryptoProperties(keks, active, Duration.ofHours(1)), store, clock);
    }

    private String kekOf(StoredAuditRecord row) {
        return jdbc.queryForObject("select kek_id from audit_data_key where id = ?", String.class, row.content().dataKeyId());
    }

    private String rowAsText(StoredAuditRecord row) {
        return jdbc.queryForObject("select r::text from audit_record r where event_id = ?", String.class, row.eventId());
    }

    private static String key(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
