package org.tta.safety.classify.rules;

import java.util.function.UnaryOperator;

import org.tta.safety.classify.text.Keys;

/**
 * Rewrites a regular expression written in plain lower-case English into the key form that messages are matched
 * in: every run of literal letters goes through {@link Keys#key} ("kill" becomes "ki"), escapes ({@code \b},
 * {@code \d}, {@code \p{L}}) and everything that is not a letter stay. Quantifiers on a single letter ({@code l{2}})
 * and named groups are therefore not supported; the loader rejects patterns whose rewrite does not compile.
 */
final class PatternKeys {

    private PatternKeys() {
    }

    static String toKeyForm(String regex) {
        return rewriteLetterRuns(regex, run -> Keys.key(run));
    }

    static String rewriteLetterRuns(String regex, UnaryOperator<String> rewrite) {
        StringBuilder out = new StringBuilder(regex.length());
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                flush(out, run, rewrite);
                out.append(c);
                if (i + 1 < regex.length()) {
                    char escaped = regex.charAt(++i);
                    out.append(escaped);
                    if ((escaped == 'p' || escaped == 'P') && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                        int close = regex.indexOf('}', i);
                        if (close > 0) {
                            out.append(regex, i + 1, close + 1);
                            i = close;
                        }
                    }
                }
                continue;
            }
            if (c >= 'a' && c <= 'z') {
                run.append(c);
            } else {
                flush(out, run, rewrite);
                out.append(c);
            }
        }
        flush(out, run, rewrite);
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder run, UnaryOperator<String> rewrite) {
        if (!run.isEmpty()) {
            out.append(rewrite.apply(run.toString()));
            run.setLength(0);
        }
    }
}
