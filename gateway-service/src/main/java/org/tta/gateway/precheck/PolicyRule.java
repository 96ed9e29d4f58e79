package org.tta.gateway.precheck;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled policy rule. Its phrases live in the policy's {@link PhraseIndex}; here are the
 * parts matched per rule. Immutable and thread-safe (each match makes its own {@code Matcher}).
 *
 * @param id        stable rule id, reported in the 422 problem and in metrics
 * @param action    what a match does
 * @param category  the kind of content, for operators
 * @param spacedOut the phrases without word breaks, for words spelled out letter by letter, or null
 * @param patterns  regular expressions on the plain view
 * @param requires  strings of which the plain view must hold one before the patterns are tried; empty: always
 */
record PolicyRule(String id, Action action, String category, Pattern spacedOut, List<Pattern> patterns,
                  List<String> requires) {

    enum Action { REJECT, CRISIS }

    PolicyRule {
        patterns = List.copyOf(patterns);
        requires = List.copyOf(requires);
    }

    /** Whether the rule matches, given whether one of its phrases was among the words. */
    boolean matches(boolean phraseFound, String plain, TextViews.Folded folded) {
        if (phraseFound) {
            return true;
        }
        if (spacedOut != null && !folded.spacedOut().isEmpty() && spacedOut.matcher(folded.spacedOut()).find()) {
            return true;
        }
        if (patterns.isEmpty() || !mayMatch(plain)) {
            return false;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(plain).find()) {
                return true;
            }
        }
        return false;
    }

    // String.indexOf is vectorised: a few nanoseconds, where a regular expression costs tens per character.
    private boolean mayMatch(String plain) {
        if (requires.isEmpty()) {
            return true;
        }
        for (String required : requires) {
            if (plain.contains(required)) {
                return true;
            }
        }
        return false;
    }
}
