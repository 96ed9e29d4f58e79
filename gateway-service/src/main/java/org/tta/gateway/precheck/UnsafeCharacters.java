package org.tta.gateway.precheck;

/**
 * Characters a message may not carry: C0 and C1 control characters other than tab, line feed and
 * carriage return, and the bidirectional embeddings, overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069) that make text read differently from what it stores ("Trojan Source").
 */
final class UnsafeCharacters {

    private UnsafeCharacters() {
    }

    static boolean isUnsafe(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        return (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    static void requireNone(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                throw new UnsafeCharactersException();
            }
        }
    }
}
