package org.tta.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.tta.audit.store.EncryptedContent;
import org.tta.audit.store.StoredAuditRecord;

/**
 * The canonical form of an audit row, version 1, and its SHA-256: the row hash of the chain.
 *
 * <p>The form is the domain tag {@code tta-audit-row-v1} followed by these fields, in this order,
 * each as a 4-byte big-endian length and then its bytes, or the length {@code 0xFFFFFFFF} and no
 * bytes for {@code null}: chain id, chain seq, previous hash, event id, event type, event source,
 * kind, event time, stored at, subject id, subject role, client id, action, resource type, resource
 * id, outcome, session id, source service, client IP, trace id, severity, category, payload, content
 * key id, content nonce, content ciphertext. Text is UTF-8; numbers are decimal ASCII; times are
 * UTC {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (microseconds, PostgreSQL's precision); the payload is
 * PostgreSQL's jsonb output text ({@code payload::text}); hashes, nonce and ciphertext are raw bytes.
 * The stored-order {@code seq} and the Kafka provenance are not part of it. Hashing the ciphertext
 * (not the text) lets anyone verify a chain without the keys and keeps the hash from confirming guesses
 * of short messages. Stateless and thread-safe.
 */
public final class CanonicalForm {

    static final byte[] DOMAIN = "tta-audit-row-v1".getBytes(StandardCharsets.US_ASCII);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    /** SHA-256 of {@link #of}. */
    public static byte[] hash(StoredAuditRecord row) {
        return sha256(of(row));
    }

    public static byte[] of(StoredAuditRecord r) {
        Fields f = new Fields();
        f.raw(DOMAIN);
        f.text(r.chain().chainId());
        f.text(Long.toString(r.chain().seq()));
        f.raw(r.chain().prevHash());
        f.text(r.eventId());
        f.text(r.eventType());
        f.text(r.eventSource());
        f.text(r.kind());
        f.time(r.eventTime());
        f.time(r.storedAt());
        f.text(r.subjectId());
        f.text(r.subjectRole());
        f.text(r.clientId());
        f.text(r.action());
        f.text(r.resourceType());
        f.text(r.resourceId());
        f.text(r.outcome());
        f.text(r.sessionId());
        f.text(r.sourceService());
        f.text(r.clientIp());
        f.text(r.traceId());
        f.text(r.severity());
        f.text(r.category());
        f.text(r.payloadJson());
        EncryptedContent content = r.content();
        f.text(content == null ? null : Long.toString(content.dataKeyId()));
        f.raw(content == null ? null : content.nonce());
        f.raw(content == null ? null : content.ciphertext());
        return f.bytes();
    }

    /** The text form of a time in the canonical form. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Length-prefixed fields. */
    static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        Fields text(String value) {
            return raw(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        Fields time(Instant value) {
            return text(value == null ? null : CanonicalForm.time(value));
        }

        Fields raw(byte[] value) {
            int length = value == null ? -1 : value.length;
            out.write(length >>> 24);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
            if (value != null) {
                out.write(value, 0, value.length);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
