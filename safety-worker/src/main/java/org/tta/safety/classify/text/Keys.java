package org.tta.safety.classify.text;

/**
 * The matching key of one word: what rule phrases and message words are compared by. Both go through here, so they
 * always agree on spelling. Thread-safe and stateless.
 *
 * <p>In a word that holds a letter, leetspeak is undone (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, @ a, $ s, | i); {@code l} is
 * written {@code i} (1, l, i and | look alike, so "se1f" and "k1ll" meet "self" and "kill"); then runs of one letter
 * collapse to one ("diiiie" and "die" share the key "die", "kill" is "ki"). A word of digits only stays as it is
 * ("2 years").
 */
public final class Keys {

    private Keys() {
    }

    public static String key(CharSequence word) {
        boolean hasLetter = false;
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetter(word.charAt(i))) {
                hasLetter = true;
                break;
            }
        }
        StringBuilder out = new StringBuilder(word.length());
        char last = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (hasLetter) {
                c = unLeet(c);
            }
            if (c == last) {
                continue;
            }
            out.append(c);
            last = c;
        }
        return out.toString();
    }

    /** Joins keys (a phrase spelled out letter by letter loses its word breaks) and collapses the letters that meet. */
    public static String squeeze(Iterable<String> keys) {
        StringBuilder joined = new StringBuilder();
        for (String k : keys) {
            joined.append(k);
        }
        return key(joined);
    }

    private static char unLeet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1', 'l', '|', '!' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }
}
