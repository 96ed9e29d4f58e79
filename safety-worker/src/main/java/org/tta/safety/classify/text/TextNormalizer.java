package org.tta.safety.classify.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a message into {@link NormalizedText}: the plain view ({@link PlainText}), then words with their sentence,
 * clause and quotation context; obfuscations undone (punctuation inside a word dropped, apostrophes dropped,
 * words spelled out letter by letter joined, leetspeak and repeated letters through {@link Keys}). Thread-safe and
 * stateless; never throws for any text.
 */
public final class TextNormalizer {

    /** Longer messages are cut here: the classifier's cost stays bounded whatever arrives. */
    public static final int MAX_CHARS = 20_000;

    // A run of at least this many one-letter words is someone spelling words out ("k i l l").
    private static final int SPACED_OUT_RUN = 3;

    private TextNormalizer() {
    }

    public static NormalizedText normalize(String text) {
        if (text == null || text.isEmpty()) {
            return NormalizedText.EMPTY;
        }
        String plain = PlainText.of(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
        List<RawWord> raw = scan(plain);
        if (raw.isEmpty()) {
            return NormalizedText.EMPTY;
        }
        return assemble(raw);
    }

    /** A word as found, and what separates it from the next one. */
    private record RawWord(String text, String separatorAfter, boolean quoted) {
    }

    private static List<RawWord> scan(String s) {
        List<RawWord> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder separator = new StringBuilder();
        boolean inQuote = false;
        boolean wordQuoted = false;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isWordChar(s, i)) {
                if (word.isEmpty()) {
                    if (!words.isEmpty() || !separator.isEmpty()) {
                        closePrevious(words, separator);
                    }
                    wordQuoted = inQuote;
                }
                word.append(c);
                continue;
            }
            if (isApostrophe(c) && !word.isEmpty() && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                continue; // "don't" reads as "dont"
            }
            if (!word.isEmpty()) {
                words.add(new RawWord(word.toString(), "", wordQuoted));
                word.setLength(0);
                separator.setLength(0);
            }
            inQuote = quoteState(s, i, inQuote);
            separator.append(c);
        }
        if (!word.isEmpty()) {
            words.add(new RawWord(word.toString(), "", wordQuoted));
            separator.setLength(0);
        }
        closePrevious(words, separator);
        return words;
    }

    private static void closePrevious(List<RawWord> words, StringBuilder separator) {
        if (!words.isEmpty()) {
            RawWord last = words.getLast();
            if (last.separatorAfter().isEmpty() && !separator.isEmpty()) {
                words.set(words.size() - 1, new RawWord(last.text(), separator.toString(), last.quoted()));
            }
        }
        separator.setLength(0);
    }

    private static boolean isWordChar(String s, int i) {
        char c = s.charAt(i);
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        return switch (c) {
            case '@', '$' -> isLetterOrDigitAt(s, i - 1) || isLetterOrDigitAt(s, i + 1);
            case '|', '!' -> isLetterOrDigitAt(s, i - 1) && isLetterOrDigitAt(s, i + 1);
            default -> false;
        };
    }

    private static boolean isLetterOrDigitAt(String s, int i) {
        return i >= 0 && i < s.length() && Character.isLetterOrDigit(s.charAt(i));
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u02BC' || c == '`';
    }

    private static boolean quoteState(String s, int i, boolean inQuote) {
        char c = s.charAt(i);
        switch (c) {
            case '"', '\uFF02':
                return !inQuote;
            case '\u201C', '\u00AB', '\u201E', '\u2018':
                return true;
            case '\u201D', '\u00BB':
                return false;
            case '\'', '\u2019':
                boolean letterBefore = isLetterOrDigitAt(s, i - 1);
                boolean letterAfter = isLetterOrDigitAt(s, i + 1);
                if (!letterBefore && letterAfter) {
                    return true;
                }
                if (letterBefore && !letterAfter) {
                    return false;
                }
                return inQuote;
            default:
                return inQuote;
        }
    }

    private static NormalizedText assemble(List<RawWord> raw) {
        List<Token> tokens = new ArrayList<>(raw.size());
        int sentence = 0;
        int clause = 0;
        int i = 0;
        while (i < raw.size()) {
            int runEnd = spacedRunEnd(raw, i);
            if (runEnd - i > SPACED_OUT_RUN && raw.get(i).text().equals("i")) {
                runEnd = i + 1; // "i c u t": the pronoun, then a word spelled out
            }
            String separator;
            if (runEnd - i >= SPACED_OUT_RUN) {
                String dominant = dominantSeparator(raw, i, runEnd);
                StringBuilder joined = new StringBuilder();
                for (int j = i; j < runEnd; j++) {
                    joined.append(raw.get(j).text());
                    if (j < runEnd - 1 && !raw.get(j).separatorAfter().equals(dominant)) {
                        tokens.add(new Token(Keys.key(joined), sentence, clause, raw.get(i).quoted(), true));
                        joined.setLength(0);
                    }
                }
                tokens.add(new Token(Keys.key(joined), sentence, clause, raw.get(i).quoted(), true));
                separator = raw.get(runEnd - 1).separatorAfter();
                i = runEnd;
            } else {
                RawWord w = raw.get(i);
                tokens.add(new Token(Keys.key(w.text()), sentence, clause, w.quoted(), false));
                separator = w.separatorAfter();
                i++;
            }
            if (endsSentence(separator)) {
                sentence++;
                clause++;
            } else if (endsClause(separator)) {
                clause++;
            }
        }
        return new NormalizedText(tokens, sentence + 1);
    }

    /** The end (exclusive) of a run of one-letter words starting at {@code start} joined by short separators. */
    private static int spacedRunEnd(List<RawWord> raw, int start) {
        int end = start;
        while (end < raw.size() && raw.get(end).text().length() == 1) {
            String sep = raw.get(end).separatorAfter();
            end++;
            if (sep.isEmpty() || sep.length() > 3 || sep.indexOf('\n') >= 0) {
                break;
            }
        }
        return end;
    }

    private static String dominantSeparator(List<RawWord> raw, int start, int end) {
        String best = raw.get(start).separatorAfter();
        int bestCount = 0;
        for (int j = start; j < end - 1; j++) {
            String candidate = raw.get(j).separatorAfter();
            int count = 0;
            for (int k = start; k < end - 1; k++) {
                if (raw.get(k).separatorAfter().equals(candidate)) {
                    count++;
                }
            }
            if (count > bestCount || (count == bestCount && candidate.length() < best.length())) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static boolean endsSentence(String separator) {
        for (int i = 0; i < separator.length(); i++) {
            switch (separator.charAt(i)) {
                case '.', '!', '?', ';', '\n', '\u2026', '\u00BF', '\u00A1':
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    private static boolean endsClause(String separator) {
        for (int i = 0; i < separator.length(); i++) {
            switch (separator.charAt(i)) {
                case ',', ':', '(', ')', '\u2014', '\u2013':
                    return true;
                case '-':
                    if (separator.length() > 1) {
                        return true; // a spaced dash, not a hyphen
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }
}
