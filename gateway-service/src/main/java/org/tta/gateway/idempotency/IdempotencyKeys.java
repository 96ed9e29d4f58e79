package org.tta.gateway.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The form of an {@code Idempotency-Key} header and the store key it becomes. */
final class IdempotencyKeys {

    static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /**
     * The key of a header value: the draft defines it as a structured-field string
     * ({@code "8e03978e-..."}); a bare token is taken as well, as most clients send one.
     *
     * @throws InvalidIdempotencyKeyException unless the key is 1..255 printable ASCII characters
     */
    static String parse(String header) {
        String key = header.strip();
        if (key.startsWith("\"")) {
            if (key.length() < 2 || !key.endsWith("\"")) {
                throw new InvalidIdempotencyKeyException();
            }
            key = unquote(key.substring(1, key.length() - 1));
        }
        if (key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new InvalidIdempotencyKeyException();
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new InvalidIdempotencyKeyException();
            }
        }
        return key;
    }

    /**
     * A digest of the scope and the key: neither the caller's id nor the client's key appears in a
     * store key, and no choice of either can be mistaken for another pair.
     */
    static String digest(String scope, String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] scopeBytes = scope.getBytes(StandardCharsets.UTF_8);
            sha256.update(Integer.toString(scopeBytes.length).getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) ':');
            sha256.update(scopeBytes);
            sha256.update(key.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    // sf-string escapes are \" and \\ only (RFC 8941 section 3.3.3); anything else is not a string.
    private static String unquote(String inner) {
        StringBuilder out = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\') {
                if (i + 1 == inner.length() || (inner.charAt(i + 1) != '"' && inner.charAt(i + 1) != '\\')) {
                    throw new InvalidIdempotencyKeyException();
                }
                out.append(inner.charAt(++i));
            } else if (c == '"') {
                throw new InvalidIdempotencyKeyException();
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
