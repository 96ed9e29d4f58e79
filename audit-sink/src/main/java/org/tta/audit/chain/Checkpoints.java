package org.tta.audit.chain;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.schemas.cloudevents.EventCodec;
import org.tta.schemas.cloudevents.EventIds;
import org.tta.schemas.cloudevents.TtaCloudEvents;
import org.tta.schemas.events.EventTypes;
import org.tta.schemas.topics.TopicCatalog;
import org.tta.schemas.topics.TopicId;

/**
 * Makes, stores and publishes signed checkpoints: {@code pending heads -> Merkle root -> sign ->
 * store (and mark the heads checkpointed) -> publish}. A checkpoint is stored in the same
 * transaction that marks its heads, and published afterwards; one that Kafka did not take stays
 * {@code published = false} and is published again on the next run (the topic is compacted by
 * checkpoint id, so a repeat is harmless). Heads being extended at that moment are skipped
 * ({@code SKIP LOCKED}) and go into the next checkpoint. Runs one at a time.
 */
@Component
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    private static final URI SOURCE = URI.create("/tta/audit-sink");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CheckpointKeys keys;
    private final CheckpointProperties properties;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TopicCatalog catalog;
    private final Clock clock;

    public Checkpoints(JdbcTemplate jdbc, TransactionTemplate transaction, CheckpointKeys keys,
            CheckpointProperties properties, @Qualifier("auditKafkaTemplate") KafkaTemplate<String, byte[]> kafka,
            TopicCatalog catalog, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.keys = keys;
        this.properties = properties;
        this.kafka = kafka;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tta.audit.checkpoint.interval:5m}", initialDelayString = "${tta.audit.checkpoint.interval:5m}")
    void scheduled() {
        try {
            List<Checkpoint> made = checkpointNow();
            if (!made.isEmpty()) {
                log.info("Signed {} audit checkpoint(s) over {} chain head(s)", made.size(),
                        made.stream().mapToInt(c -> c.entries().size()).sum());
            }
        } catch (RuntimeException e) {
            log.warn("Audit checkpoint run failed; it is retried at the next interval: {}", e.toString());
        }
    }

    /** Signs the heads of every chain that moved since its last checkpoint, then publishes what is unpublished. */
    public synchronized List<Checkpoint> checkpointNow() {
        List<Checkpoint> made = new ArrayList<>();
        while (true) {
            Checkpoint checkpoint = transaction.execute(status -> next());
            if (checkpoint == null) {
                break;
            }
            made.add(checkpoint);
        }
        publishPending();
        return made;
    }

    /** The latest stored checkpoint that holds a head of {@code chainId}, with that head. */
    public Optional<StoredCheckpoint> latestFor(String chainId) {
        List<String> ids = jdbc.queryForList("""
                select c.checkpoint_id from audit_checkpoint_entry e join audit_checkpoint c using (checkpoint_id)
                where e.chain_id = ? order by e.chain_seq desc, c.created_at desc limit 1
                """, String.class, chainId);
        return ids.isEmpty() ? Optional.empty() : Optional.of(load(ids.getFirst(), chainId));
    }

    /** A stored checkpoint and the head of one of its chains. */
    public record StoredCheckpoint(Checkpoint checkpoint, MerkleTree.Leaf head) {
    }

    private Checkpoint next() {
        List<MerkleTree.Leaf> heads = jdbc.query("""
                select chain_id, last_seq, last_hash from audit_chain_head where last_seq > checkpointed_seq
                order by chain_id limit ? for update skip locked
                """, (rs, n) -> new MerkleTree.Leaf(rs.getString(1), rs.getLong(2), rs.getBytes(3)), properties.maxEntries());
        if (heads.isEmpty()) {
            return null;
        }
        String id = EventIds.newId();
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] root = MerkleTree.root(heads);
        byte[] signature = keys.sign(Checkpoint.signedBytes(id, createdAt, keys.keyId(), heads.size(), root));
        jdbc.update("insert into audit_checkpoint (checkpoint_id, created_at, key_id, entry_count, merkle_root, signature) "
                + "values (?, ?, ?, ?, ?, ?)", id, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC), keys.keyId(),
                heads.size(), root, signature);
        jdbc.batchUpdate("insert into audit_checkpoint_entry (checkpoint_id, chain_id, chain_seq, head_hash) values (?, ?, ?, ?)",
                heads.stream().map(h -> new Object[] {id, h.chainId(), h.seq(), h.hash()}).toList());
        jdbc.batchUpdate("update audit_chain_head set checkpointed_seq = ? where chain_id = ? and checkpointed_seq < ?",
                heads.stream().map(h -> new Object[] {h.seq(), h.chainId(), h.seq()}).toList());
        return new Checkpoint(id, createdAt, keys.keyId(), root, heads, signature);
    }

    private void publishPending() {
        for (String id : jdbc.queryForList(
                "select checkpoint_id from audit_checkpoint where not published order by created_at", String.class)) {
            Checkpoint checkpoint = load(id, null).checkpoint();
            CloudEvent event = TtaCloudEvents.create(EventIds.newId(), EventTypes.AUDIT_CHECKPOINT, SOURCE, null,
                    OffsetDateTime.ofInstant(checkpoint.createdAt(), ZoneOffset.UTC),
                    EventCodec.standard().encode(CheckpointDocument.of(checkpoint)));
            ProducerRecord<String, byte[]> record = KafkaMessageFactory
                    .createWriter(catalog.name(TopicId.AUDIT_CHECKPOINTS), id).writeBinary(event);
            try {
                kafka.send(record).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Checkpoint {} was not published; it is retried at the next run: {}", id, e.toString());
                return;
            }
            jdbc.update("update audit_checkpoint set published = true where checkpoint_id = ?", id);
        }
    }

    private StoredCheckpoint load(String id, String chainId) {
        List<MerkleTree.Leaf> entries = jdbc.query(
                "select chain_id, chain_seq, head_hash from audit_checkpoint_entry where checkpoint_id = ? order by chain_id",
                (rs, n) -> new MerkleTree.Leaf(rs.getString(1), rs.getLong(2), rs.getBytes(3)), id);
        Checkpoint checkpoint = jdbc.queryForObject(
                "select checkpoint_id, created_at, key_id, merkle_root, signature from audit_checkpoint where checkpoint_id = ?",
                (rs, n) -> new Checkpoint(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getBytes(4), entries, rs.getBytes(5)), id);
        MerkleTree.Leaf head = chainId == null ? null
                : entries.stream().filter(e -> e.chainId().equals(chainId)).findFirst().orElse(null);
        return new StoredCheckpoint(checkpoint, head);
    }
}
