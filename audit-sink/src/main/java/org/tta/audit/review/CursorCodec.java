package org.tta.audit.review;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: the last {@link Position} of a page and the fingerprint of the query it belongs to, signed
 * with HMAC-SHA256. A cursor that was altered, forged, truncated or replayed against other filters does not
 * verify. Thread-safe (a {@link Mac} per call).
 */
public final class CursorCodec {

    /** Far longer than any cursor this codec writes; longer input is refused before any decoding. */
    static final int MAX_LENGTH = 256;

    private static final byte VERSION = 1;
    private static final int FINGERPRINT_BYTES = 16;
    private static final int BODY_BYTES = 1 + Long.BYTES + Integer.BYTES + Long.BYTES + FINGERPRINT_BYTES;
    private static final int MAC_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public CursorCodec(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("The cursor key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The cursor that continues after {@code position} for the query identified by {@code scope}. */
    public String encode(Position position, String scope) {
        ByteBuffer body = ByteBuffer.allocate(BODY_BYTES)
                .put(VERSION)
                .putLong(position.occurredAt().getEpochSecond())
                .putInt(position.occurredAt().getNano())
                .putLong(position.seq())
                .put(fingerprint(scope));
        byte[] bytes = body.array();
        return ENCODER.encodeToString(concat(bytes, mac(bytes)));
    }

    /**
     * The position a cursor carries.
     *
     * @throws InvalidCursorException if it was not issued by this codec's key for {@code scope}
     */
    public Position decode(String cursor, String scope) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("The cursor is not one this service issued");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException("The cursor is not one this service issued");
        }
        if (bytes.length != BODY_BYTES + MAC_BYTES) {
            throw new InvalidCursorException("The cursor is not one this service issued");
        }
        byte[] body = Arrays.copyOfRange(bytes, 0, BODY_BYTES);
        byte[] mac = Arrays.copyOfRange(bytes, BODY_BYTES, bytes.length);
        if (!MessageDigest.isEqual(mac, mac(body))) {
            throw new InvalidCursorException("The cursor was altered or was not issued by this service");
        }
        ByteBuffer read = ByteBuffer.wrap(body);
        if (read.get() != VERSION) {
            throw new InvalidCursorException("The cursor is of an unknown version");
        }
        long seconds = read.getLong();
        int nanos = read.getInt();
        long seq = read.getLong();
        byte[] fingerprint = new byte[FINGERPRINT_BYTES];
        read.get(fingerprint);
        if (!MessageDigest.isEqual(fingerprint, fingerprint(scope))) {
            throw new InvalidCursorException("The cursor belongs to a query with other filters");
        }
        return new Position(Instant.ofEpochSecond(seconds, nanos), seq);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] fingerprint(String scope) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, FINGERPRINT_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
