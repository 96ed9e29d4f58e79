package org.tta.audit.store;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.chain.CanonicalForm;
import org.tta.audit.phi.ContentCipher;
import org.tta.audit.phi.DataKeyRing;

/**
 * {@link AuditRecordStore} on plain JDBC. One call is one transaction, run as the writer role:
 * {@code claim event ids -> canonical payloads -> lock chain heads -> link and hash -> insert rows ->
 * move heads}. Event ids are claimed in sorted order and chain heads locked in sorted order, so two
 * concurrent batches (a rebalance, a second instance) wait for each other instead of deadlocking, and
 * a chain never forks: its head row is held {@code FOR UPDATE} until the rows that extend it commit.
 */
@Repository
class JdbcAuditRecordStore implements AuditRecordStore {

    private static final String SELECT_SESSION = "select " + StoredAuditRecords.COLUMNS
            + " from audit_record where session_id = ? and seq > ? order by seq limit ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ChainHeads heads;
    private final AuditRowWriter rows;
    private final DataKeyRing keys;
    private final ContentCipher cipher;
    private final StoreProperties properties;
    private final Clock clock;

    JdbcAuditRecordStore(JdbcTemplate jdbc, TransactionTemplate transaction, DataKeyRing keys, ContentCipher cipher,
            StoreProperties properties, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.heads = new ChainHeads(jdbc);
        this.rows = new AuditRowWriter(jdbc);
        this.keys = keys;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public AppendResult append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return AppendResult.NOTHING;
        }
        Map<String, AuditEntry> unique = new LinkedHashMap<>();
        entries.forEach(entry -> unique.putIfAbsent(entry.eventId(), entry));
        // Made and committed before the batch's transaction: a rollback must not orphan a key id.
        DataKeyRing.DataKey key = unique.values().stream().anyMatch(e -> !e.phi().isEmpty()) ? keys.current() : null;
        Instant storedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Integer stored = transaction.execute(status -> {
            switchToWriterRole();
            List<AuditEntry> fresh = claim(unique);
            if (fresh.isEmpty()) {
                return 0;
            }
            List<String> payloads = canonicalPayloads(fresh);
            Map<String, ChainHeads.Head> locked = heads.lock(fresh.stream().map(AuditEntry::chainId).toList(), storedAt);
            List<StoredAuditRecord> linked = new ArrayList<>(fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                AuditEntry entry = fresh.get(i);
                ChainHeads.Head head = locked.get(entry.chainId());
                StoredAuditRecord row = link(entry, payloads.get(i), storedAt, head, key);
                locked.put(entry.chainId(), head.next(row.chain().hash()));
                linked.add(row);
            }
            rows.insert(linked, fresh);
            heads.advance(locked.values(), storedAt);
            return fresh.size();
        });
        return new AppendResult(stored, entries.size() - stored);
    }

    @Override
    public List<StoredAuditRecord> session(String sessionId, long after, int limit) {
        return jdbc.query(SELECT_SESSION, StoredAuditRecords.MAPPER, sessionId, after, limit);
    }

    private void switchToWriterRole() {
        if (!properties.writerRole().isEmpty()) {
            // Validated as a plain identifier by StoreProperties; SET does not take parameters.
            jdbc.execute("set local role " + properties.writerRole());
        }
    }

    /** The entries whose event id was not stored before, in their order; claims those ids. */
    private List<AuditEntry> claim(Map<String, AuditEntry> unique) {
        String[] ids = unique.keySet().toArray(String[]::new);
        String[] times = unique.values().stream().map(e -> CanonicalForm.time(micros(e.eventTime()))).toArray(String[]::new);
        Set<String> claimed = Set.copyOf(jdbc.queryForList("""
                insert into audit_event_id (event_id, event_time)
                select id, time::timestamptz from unnest(?::text[], ?::text[]) as t(id, time) order by id
                on conflict (event_id) do nothing
                returning event_id
                """, String.class, ids, times));
        return unique.values().stream().filter(e -> claimed.contains(e.eventId())).toList();
    }

    /** PostgreSQL's jsonb text of each payload: what is stored, read back, and hashed. */
    private List<String> canonicalPayloads(List<AuditEntry> fresh) {
        String[] payloads = fresh.stream().map(AuditEntry::payloadJson).toArray(String[]::new);
        return jdbc.queryForList("select p::jsonb::text from unnest(?::text[]) with ordinality as t(p, n) order by n",
                String.class, (Object) payloads);
    }

    private StoredAuditRecord link(AuditEntry e, String payload, Instant storedAt, ChainHeads.Head head,
            DataKeyRing.DataKey key) {
        StoredAuditRecord unhashed = new StoredAuditRecord(0, e.eventId(), e.eventType(), e.eventSource(),
                e.kind().value(), micros(e.eventTime()), storedAt, e.who().subjectId(), e.who().subjectRole(),
                e.who().clientId(), e.what().action(), e.what().resourceType(), e.what().resourceId(),
                e.what().outcome(), e.where().sessionId(), e.where().sourceService(), e.where().clientIp(),
                e.where().traceId(), e.severity(), e.category(), payload,
                key == null ? null : cipher.encrypt(key, e.eventId(), e.phi()),
                new ChainLink(e.chainId(), head.seq() + 1, head.hash(), null));
        byte[] hash = CanonicalForm.hash(unhashed);
        return new StoredAuditRecord(0, unhashed.eventId(), unhashed.eventType(), unhashed.eventSource(),
                unhashed.kind(), unhashed.eventTime(), storedAt, unhashed.subjectId(), unhashed.subjectRole(),
                unhashed.clientId(), unhashed.action(), unhashed.resourceType(), unhashed.resourceId(),
                unhashed.outcome(), unhashed.sessionId(), unhashed.sourceService(), unhashed.clientIp(),
                unhashed.traceId(), unhashed.severity(), unhashed.category(), payload, unhashed.content(),
                new ChainLink(e.chainId(), head.seq() + 1, head.hash(), hash));
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
