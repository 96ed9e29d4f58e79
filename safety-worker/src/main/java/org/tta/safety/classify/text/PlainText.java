package org.tta.safety.classify.text;

import java.text.Normalizer;

/**
 * The plain view of a message: Unicode compatibility folding (NFKD, so full-width and styled letters become plain
 * ones), diacritics and invisible format characters removed, lower case (root locale), and Cyrillic and Greek letters
 * that pass for Latin ones written as Latin. Thread-safe and stateless.
 */
final class PlainText {

    private PlainText() {
    }

    static String of(String text) {
        if (isAscii(text)) {
            return toLowerAscii(text);
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
                continue; // diacritics, zero-width joiners and soft hyphens
            }
            char lower = Character.toLowerCase(c);
            char latin = latinLookalike(lower);
            out.append(latin == 0 ? lower : latin);
        }
        return out.toString();
    }

    // NFKD leaves Cyrillic and Greek alone; these pass for Latin letters in a word.
    private static char latinLookalike(char c) {
        return switch (c) {
            case '\u0430', '\u03B1' -> 'a';
            case '\u0432', '\u03B2' -> 'b';
            case '\u0435', '\u0451', '\u03B5' -> 'e';
            case '\u043E', '\u03BF', '\u03C3' -> 'o';
            case '\u0440', '\u03C1' -> 'p';
            case '\u0441', '\u03F2' -> 'c';
            case '\u0443', '\u03B3' -> 'y';
            case '\u0445', '\u03C7' -> 'x';
            case '\u0456', '\u0457', '\u03B9', '\u04CF' -> 'i';
            case '\u0455' -> 's';
            case '\u043A', '\u03BA' -> 'k';
            case '\u043C', '\u03BC' -> 'm';
            case '\u043D', '\u03B7' -> 'n';
            case '\u0442', '\u03C4' -> 't';
            case '\u03BD' -> 'v';
            case '\u0458' -> 'j';
            case '\u0501' -> 'd';
            case '\u051B' -> 'q';
            case '\u051D', '\u03C9' -> 'w';
            case '\u0433', '\u0280' -> 'r';
            // small capitals (no compatibility decomposition)
            case '\u1D00' -> 'a';
            case '\u0299' -> 'b';
            case '\u1D04' -> 'c';
            case '\u1D05' -> 'd';
            case '\u1D07' -> 'e';
            case '\u0262' -> 'g';
            case '\u029C' -> 'h';
            case '\u026A' -> 'i';
            case '\u1D0A' -> 'j';
            case '\u1D0B' -> 'k';
            case '\u029F' -> 'l';
            case '\u1D0D' -> 'm';
            case '\u0274' -> 'n';
            case '\u1D0F' -> 'o';
            case '\u1D18' -> 'p';
            case '\uA731' -> 's';
            case '\u1D1B' -> 't';
            case '\u1D1C' -> 'u';
            case '\u1D20' -> 'v';
            case '\u1D21' -> 'w';
            case '\u028F' -> 'y';
            case '\u1D22' -> 'z';
            default -> 0;
        };
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String toLowerAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }
}
