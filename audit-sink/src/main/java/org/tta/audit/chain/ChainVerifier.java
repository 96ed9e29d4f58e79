package org.tta.audit.chain;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.tta.audit.chain.ChainVerification.BrokenLink;
import org.tta.audit.chain.ChainVerification.CheckpointCheck;
import org.tta.audit.chain.ChainVerification.CheckpointStatus;
import org.tta.audit.chain.ChainVerification.Problem;
import org.tta.audit.store.ChainLink;
import org.tta.audit.store.StoredAuditRecord;
import org.tta.audit.store.StoredAuditRecords;

/**
 * Recomputes a chain from its rows: {@code walk rows in seq order -> rehash each -> compare links ->
 * compare the head -> check the latest checkpoint}. Rows are streamed (a read-only transaction with
 * a fetch size), so a long chain does not sit in memory. Reading needs SELECT only; no key is needed,
 * since the hash covers the ciphertext.
 *
 * <p>A chain whose oldest rows went with a partition that retention dropped starts at a later seq;
 * that is accepted only when a drop is on record ({@code audit_retention_drop}), and then the first
 * row present is trusted as the start.
 */
@Component
public class ChainVerifier {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Checkpoints checkpoints;
    private final CheckpointKeys keys;

    public ChainVerifier(JdbcTemplate jdbc, TransactionTemplate transaction, Checkpoints checkpoints, CheckpointKeys keys) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.checkpoints = checkpoints;
        this.keys = keys;
    }

    /** The verification of one session's chain, or empty when the session has no stored rows and no chain head. */
    public Optional<ChainVerification> verifySession(String sessionId) {
        return verify("session:" + sessionId);
    }

    public Optional<ChainVerification> verify(String chainId) {
        Optional<Checkpoints.StoredCheckpoint> checkpoint = checkpoints.latestFor(chainId);
        Walk walk = transaction.execute(status -> {
            Walk w = new Walk(checkpoint.map(Checkpoints.StoredCheckpoint::head).orElse(null), retentionDropped());
            JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
            streaming.setFetchSize(FETCH_SIZE);
            streaming.query("select " + StoredAuditRecords.COLUMNS + " from audit_record where chain_id = ? order by chain_seq",
                    rs -> {
                        w.accept(StoredAuditRecords.MAPPER.mapRow(rs, 0));
                    }, chainId);
            return w;
        });
        var head = jdbc.query("select last_seq, last_hash from audit_chain_head where chain_id = ?",
                (rs, n) -> new ChainLink(chainId, rs.getLong(1), null, rs.getBytes(2)), chainId);
        if (walk.records == 0 && head.isEmpty()) {
            return Optional.empty();
        }
        if (walk.broken == null && !head.isEmpty()) {
            ChainLink h = head.getFirst();
            if (h.seq() > walk.lastSeq) {
                walk.broken = new BrokenLink(walk.lastSeq + 1, null, Problem.MISSING);
            } else if (h.seq() != walk.lastSeq || !Arrays.equals(h.hash(), walk.lastHash)) {
                walk.broken = new BrokenLink(h.seq(), null, Problem.HEAD_MISMATCH);
            }
        }
        CheckpointCheck check = checkpoint.map(c -> check(c, walk)).orElse(CheckpointCheck.none());
        boolean intact = walk.broken == null
                && (check.status() == CheckpointStatus.MATCHES || check.status() == CheckpointStatus.NONE);
        return Optional.of(new ChainVerification(chainId, intact, walk.records, walk.firstSeq, walk.lastSeq,
                ChainLink.hex(walk.lastHash), walk.broken, check));
    }

    private CheckpointCheck check(Checkpoints.StoredCheckpoint stored, Walk walk) {
        Checkpoint c = stored.checkpoint();
        Optional<Boolean> signed = keys.verify(c.keyId(), c.signedBytes(), c.signature());
        CheckpointStatus status;
        if (signed.isEmpty()) {
            status = CheckpointStatus.UNKNOWN_KEY;
        } else if (!signed.get() || !Arrays.equals(MerkleTree.root(c.entries()), c.merkleRoot())) {
            status = CheckpointStatus.CHECKPOINT_INVALID;
        } else {
            status = walk.checkpointedHashSeen ? CheckpointStatus.MATCHES : CheckpointStatus.CHAIN_DIFFERS;
        }
        return new CheckpointCheck(status, c.checkpointId(), c.createdAt(), c.keyId(), stored.head().seq());
    }

    private boolean retentionDropped() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from audit_retention_drop)", Boolean.class));
    }

    /** The state of one walk along the rows. */
    private static final class Walk {
        private final MerkleTree.Leaf checkpointed;
        private final boolean mayStartLate;
        long records;
        long firstSeq;
        long lastSeq;
        byte[] lastHash;
        BrokenLink broken;
        boolean checkpointedHashSeen;

        Walk(MerkleTree.Leaf checkpointed, boolean mayStartLate) {
            this.checkpointed = checkpointed;
            this.mayStartLate = mayStartLate;
        }

        void accept(StoredAuditRecord row) {
            ChainLink link = row.chain();
            if (checkpointed != null && link.seq() == checkpointed.seq()
                    && Arrays.equals(CanonicalForm.hash(row), checkpointed.hash())) {
                checkpointedHashSeen = true;
            }
            if (broken != null) {
                records++;
                return;
            }
            if (records == 0) {
                firstSeq = link.seq();
                lastSeq = link.seq() - 1;
                lastHash = link.seq() == 1 ? new byte[ChainLink.HASH_BYTES] : mayStartLate ? link.prevHash() : null;
                if (link.seq() != 1 && !mayStartLate) {
                    broken = new BrokenLink(1, null, Problem.MISSING);
                }
            }
            records++;
            if (broken != null) {
                return;
            }
            if (link.seq() != lastSeq + 1) {
                broken = new BrokenLink(lastSeq + 1, null, link.seq() > lastSeq + 1 ? Problem.MISSING : Problem.LINK_BROKEN);
            } else if (!Arrays.equals(CanonicalForm.hash(row), link.hash())) {
                broken = new BrokenLink(link.seq(), row.eventId(), Problem.ALTERED);
            } else if (!Arrays.equals(link.prevHash(), lastHash)) {
                broken = new BrokenLink(link.seq(), row.eventId(), Problem.LINK_BROKEN);
            }
            lastSeq = link.seq();
            lastHash = link.hash();
        }
    }
}
