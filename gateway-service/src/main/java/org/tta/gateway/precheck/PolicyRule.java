package org.tta.gateway.precheck;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One compiled policy rule. Immutable and thread-safe (each match makes its own {@code Matcher}).
 *
 * @param id        stable rule id, reported in the 422 problem and in metrics
 * @param action    what a match does
 * @param category  the kind of content, for operators
 * @param phrases   the phrases on whole folded words, or null when the rule has none
 * @param spacedOut the phrases without word breaks, for words spelled out letter by letter, or null
 * @param patterns  regular expressions on the plain view
 */
record PolicyRule(String id, Action action, String category, Pattern phrases, Pattern spacedOut,
                  List<Pattern> patterns) {

    enum Action { REJECT, CRISIS }

    PolicyRule {
        patterns = List.copyOf(patterns);
    }

    boolean matches(String plain, TextViews.Folded folded) {
        if (phrases != null && phrases.matcher(folded.words()).find()) {
            return true;
        }
        if (spacedOut != null && !folded.spacedOut().isEmpty() && spacedOut.matcher(folded.spacedOut()).find()) {
            return true;
        }
        for (Pattern pattern : patterns) {
            if (pattern.matcher(plain).find()) {
                return true;
            }
        }
        return false;
    }
}
