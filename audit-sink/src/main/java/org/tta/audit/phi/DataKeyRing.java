package org.tta.audit.phi;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The data keys of the envelope encryption. A new data key (32 random bytes) is made per
 * {@code data-key-window} and whenever the active KEK changes; it is stored wrapped (AES-256-GCM under
 * the KEK, AAD {@code tta-audit-dek:<kekId>}) in {@code audit_data_key}, and its row id goes on every
 * row it encrypts. Rotating the KEK therefore rewrites no audit row: old rows name old data keys, which name
 * the old KEK; {@link DataKeyRewrap} later re-wraps those data keys under the active KEK (the keys themselves
 * do not change), after which the retired KEK may leave the configuration. Thread-safe.
 */
@Component
public class DataKeyRing {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRing.class);
    private static final int CACHED_KEYS = 1024;

    private final JdbcTemplate jdbc;
    private final CryptoProperties properties;
    private final Clock clock;
    private final Map<Long, SecretKey> unwrapped = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SecretKey> eldest) {
            return size() > CACHED_KEYS;
        }
    };
    private DataKey current;

    public DataKeyRing(JdbcTemplate jdbc, CryptoProperties properties, @Qualifier("auditClock") Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        if (properties.activeKekId().startsWith(CryptoProperties.DEV_KEK_PREFIX)) {
            log.warn("Audit message text is encrypted with the PUBLISHED DEVELOPMENT KEK '{}'; configure "
                    + "tta.audit.crypto.kek and tta.audit.crypto.active-kek-id outside development", properties.activeKekId());
        }
    }

    /** One data key and its row id. */
    public record DataKey(long id, String kekId, SecretKey key, Instant createdAt) {
        @Override
        public String toString() {
            return "DataKey[id=" + id + ", kekId=" + kekId + "]";
        }
    }

    /**
     * The data key for new rows, made (and committed on its own) when needed. Call it outside the
     * transaction of the rows it encrypts, so that a rolled-back batch cannot leave a key id behind
     * that names no row.
     */
    public synchronized DataKey current() {
        Instant now = clock.instant();
        if (current == null || !current.kekId().equals(properties.activeKekId())
                || !now.isBefore(current.createdAt().plus(properties.dataKeyWindow()))
                || now.isBefore(current.createdAt())) {
            current = create(now);
        }
        return current;
    }

    /** The data key of row {@code id}, unwrapped by the KEK it names. */
    public SecretKey key(long id) {
        synchronized (unwrapped) {
            SecretKey cached = unwrapped.get(id);
            if (cached != null) {
                return cached;
            }
        }
        Map<String, Object> row = jdbc.queryForMap("select kek_id, wrap_nonce, wrapped_key from audit_data_key where id = ?", id);
        String kekId = (String) row.get("kek_id");
        byte[] kek = properties.kekBytes(kekId);
        if (kek == null) {
            throw new ContentUnavailableException("Data key " + id + " is wrapped by KEK '" + kekId
                    + "', which is not configured", null);
        }
        try {
            SecretKey secret = KeyWrapping.unwrap(kek, kekId, (byte[]) row.get("wrap_nonce"), (byte[]) row.get("wrapped_key"));
            synchronized (unwrapped) {
                unwrapped.put(id, secret);
            }
            return secret;
        } catch (GeneralSecurityException e) {
            throw new ContentUnavailableException("Data key " + id + " does not unwrap with KEK '" + kekId + "'", e);
        }
    }

    private DataKey create(Instant now) {
        String kekId = properties.activeKekId();
        byte[] key = AesGcm.randomKey();
        KeyWrapping.Wrapped wrapped = KeyWrapping.wrap(properties.kekBytes(kekId), kekId, key);
        Long id = jdbc.queryForObject(
                "insert into audit_data_key (kek_id, wrap_nonce, wrapped_key, created_at) values (?, ?, ?, ?) returning id",
                Long.class, kekId, wrapped.nonce(), wrapped.key(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        SecretKey secret = new SecretKeySpec(key, "AES");
        synchronized (unwrapped) {
            unwrapped.put(id, secret);
        }
        log.info("New audit data key {} wrapped by KEK '{}'", id, kekId);
        return new DataKey(id, kekId, secret, now);
    }
}
