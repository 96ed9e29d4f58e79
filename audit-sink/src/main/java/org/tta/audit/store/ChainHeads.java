package org.tta.audit.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code audit_chain_head} rows of a batch: created when new, locked in chain id order, advanced at the end. */
final class ChainHeads {

    static final byte[] GENESIS = new byte[ChainLink.HASH_BYTES];

    private final JdbcTemplate jdbc;

    ChainHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A chain's last link as the batch sees it. */
    record Head(String chainId, long seq, byte[] hash) {
        Head next(byte[] newHash) {
            return new Head(chainId, seq + 1, newHash);
        }
    }

    /** Locks the heads of these chains ({@code FOR UPDATE}, sorted), creating missing ones at seq 0. */
    Map<String, Head> lock(List<String> chainIds, Instant now) {
        String[] ids = chainIds.stream().distinct().sorted().toArray(String[]::new);
        jdbc.update("""
                insert into audit_chain_head (chain_id, last_seq, last_hash, updated_at)
                select id, 0, ?, ? from unnest(?::text[]) as t(id) order by id
                on conflict (chain_id) do nothing
                """, GENESIS, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), ids);
        Map<String, Head> heads = new HashMap<>();
        jdbc.query("select chain_id, last_seq, last_hash from audit_chain_head where chain_id = any(?::text[]) "
                + "order by chain_id for update", rs -> {
                    heads.put(rs.getString(1), new Head(rs.getString(1), rs.getLong(2), rs.getBytes(3)));
                }, (Object) ids);
        return heads;
    }

    void advance(Collection<Head> heads, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        jdbc.batchUpdate("update audit_chain_head set last_seq = ?, last_hash = ?, updated_at = ? where chain_id = ?",
                heads.stream().map(h -> new Object[] {h.seq(), h.hash(), at, h.chainId()}).toList());
    }
}
