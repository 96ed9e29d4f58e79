package org.tta.gateway.events;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a binary-mode {@code ce-*} header value as the HTTP binding (v1.0.2, 3.1.3.2) requires:
 * first an RFC 7230 quoted-string is unquoted, then one round of percent-decoding, and the bytes
 * must be valid UTF-8 (overlong forms included) without control characters.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** @throws IllegalArgumentException when the value cannot be decoded (the message quotes nothing) */
    static String decode(String raw) {
        String value = unquote(raw.strip());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException("has a truncated percent-encoding");
                }
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("has an invalid percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c >= 0x20 && c <= 0x7E) {
                bytes.write(c);
            } else {
                throw new IllegalArgumentException("must percent-encode characters outside printable ASCII");
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not percent-encoded UTF-8");
        }
        if (hasControlCharacter(decoded)) {
            throw new IllegalArgumentException("must not contain control characters");
        }
        return decoded;
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(cp -> cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F));
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (i + 1 >= value.length() - 1) {
                    throw new IllegalArgumentException("has a dangling escape in its quoted string");
                }
                out.append(value.charAt(++i));
            } else if (c == '"') {
                throw new IllegalArgumentException("has an unescaped quote in its quoted string");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
