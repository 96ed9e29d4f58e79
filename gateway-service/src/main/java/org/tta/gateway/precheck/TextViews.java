package org.tta.gateway.precheck;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The two views of a message that policy rules match on. Thread-safe and stateless.
 *
 * <ul>
 *   <li>{@link #plain}: Unicode compatibility-decomposed (NFKD, so full-width and styled letters
 *       become plain ones), diacritics and invisible format characters removed, lower case. Digits
 *       and punctuation stay, for phone numbers, e-mail addresses and links.</li>
 *   <li>{@link #fold}: the plain view with the usual obfuscations undone, so that "K1LL", "kiiill",
 *       "k i l l" and "k.i.l.l" all read as the same word. See {@link Folded}.</li>
 * </ul>
 */
final class TextViews {

    /** Separates words in {@link Folded#words()}; every word is followed by one. */
    static final char BREAK = ' ';

    // A run of at least this many one-letter words is someone spacing a word out ("k i l l").
    private static final int SPACED_OUT_RUN = 3;

    private TextViews() {
    }

    static String plain(String text) {
        if (isAscii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 0x80) {
                out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT) {
                continue; // diacritics, zero-width joiners and soft hyphens hide nothing once gone
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * Folds a plain view. Both the message and the policy's phrases go through here, so that the
     * two always agree on spelling.
     */
    static Folded fold(String plain) {
        char[] mapped = new char[plain.length()];
        int length = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = fold(plain, i);
            if (c == 0) {
                continue;
            }
            if (c == BREAK && (length == 0 || mapped[length - 1] == BREAK)) {
                continue;
            }
            mapped[length++] = c;
        }
        StringBuilder words = new StringBuilder(length + 2).append(BREAK);
        StringBuilder spacedOut = null;
        int start = 0;
        while (start < length) {
            int end = endOfWord(mapped, start, length);
            if (end - start == 1) {
                int runEnd = end;
                int runWords = 1;
                while (runEnd + 1 < length && endOfWord(mapped, runEnd + 1, length) == runEnd + 2) {
                    runEnd += 2;
                    runWords++;
                }
                if (runWords >= SPACED_OUT_RUN) {
                    int before = words.length();
                    for (int j = start; j < runEnd; j += 2) {
                        appendCollapsed(words, mapped[j]);
                    }
                    words.append(BREAK);
                    if (spacedOut == null) {
                        spacedOut = new StringBuilder();
                    }
                    spacedOut.append(words, before, words.length());
                    start = runEnd + 1;
                    continue;
                }
            }
            for (int j = start; j < end; j++) {
                appendCollapsed(words, mapped[j]);
            }
            words.append(BREAK);
            start = end + 1;
        }
        return new Folded(words.toString(), spacedOut == null ? "" : spacedOut.toString());
    }

    /** Removes the word breaks of folded text and collapses the letters that then meet. */
    static String squeeze(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (c != BREAK) {
                appendCollapsed(out, c);
            }
        }
        return out.toString();
    }

    /** The folded form of the character at {@code i}: a letter, {@link #BREAK}, or 0 to drop it. */
    private static char fold(String plain, int i) {
        char c = plain.charAt(i);
        switch (c) {
            case '0': return 'o';
            case '1': return 'i';
            case '3': return 'e';
            case '4': return 'a';
            case '5': return 's';
            case '7': return 't';
            case '@': return 'a';
            case '$': return 's';
            case 'l': return 'i'; // l, i, 1 and | look alike: one letter for all of them
            case '\'', '\u2019', '\u02BC', '`': return 0; // "don't" is "dont"
            case '!', '|':
                return isLetterAt(plain, i - 1) && isLetterAt(plain, i + 1) ? 'i' : BREAK;
            default:
                break;
        }
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return c;
        }
        if (c < 0x80) {
            return BREAK;
        }
        char lookalike = latinLookalike(c);
        if (lookalike != 0) {
            return lookalike;
        }
        return Character.isLetterOrDigit(c) ? c : BREAK;
    }

    // Cyrillic and Greek letters that pass for Latin ones; NFKD leaves them alone.
    private static char latinLookalike(char c) {
        return switch (c) {
            case '\u0430', '\u03B1' -> 'a';
            case '\u0435', '\u03B5' -> 'e';
            case '\u043E', '\u03BF' -> 'o';
            case '\u0440', '\u03C1' -> 'p';
            case '\u0441' -> 'c';
            case '\u0443', '\u03B3' -> 'y';
            case '\u0445', '\u03C7' -> 'x';
            case '\u0456', '\u0457', '\u03B9' -> 'i';
            case '\u0455' -> 's';
            case '\u043A', '\u03BA' -> 'k';
            case '\u03C4' -> 't';
            case '\u03BD' -> 'v';
            default -> 0;
        };
    }

    private static boolean isLetterAt(String s, int i) {
        return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
    }

    private static int endOfWord(char[] chars, int start, int length) {
        int end = start;
        while (end < length && chars[end] != BREAK) {
            end++;
        }
        return end;
    }

    private static void appendCollapsed(StringBuilder out, char c) {
        if (out.isEmpty() || out.charAt(out.length() - 1) != c) {
            out.append(c);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * A folded message.
     *
     * @param words     the words, each followed by {@link TextViews#BREAK} and the whole led by one, so
     *                  " want to die " finds whole words only; leetspeak undone, repeated letters collapsed
     * @param spacedOut the words that were spelled out letter by letter ("k-i-l-l m-y-s-e-l-f" becomes
     *                  "kimyseif"), where word breaks are lost and phrases are looked for without them;
     *                  empty when there were none
     */
    record Folded(String words, String spacedOut) {

        private static final String[] NONE = {};

        /** The words one by one. */
        String[] wordArray() {
            return words.length() <= 1 ? NONE : words.substring(1, words.length() - 1).split(" ");
        }
    }
}
