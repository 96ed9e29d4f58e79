package org.tta.gateway.precheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every rule's phrases, indexed by their first word, so that one pass over a message's folded
 * words finds the phrases of all rules: one hash lookup per word instead of one regular-expression
 * scan per rule. Immutable and thread-safe.
 */
final class PhraseIndex {

    /** '*' alone: up to this many words. */
    static final int WILDCARD_WORDS = 3;

    /** One word of a phrase: an exact folded word, a folded prefix ('word*'), or a wildcard. */
    record Token(String text, boolean prefix, boolean wildcard) {
        boolean matches(String word) {
            return prefix ? word.startsWith(text) : word.equals(text);
        }
    }

    /** A phrase of the rule at {@code rule} (its index in the policy). */
    record Phrase(int rule, List<Token> tokens) {
    }

    private final Map<String, List<Phrase>> byFirstWord;
    private final List<Phrase> byFirstPrefix;
    private final int rules;

    PhraseIndex(List<Phrase> phrases, int rules) {
        Map<String, List<Phrase>> exact = new HashMap<>();
        List<Phrase> prefixed = new ArrayList<>();
        for (Phrase phrase : phrases) {
            Token first = phrase.tokens().get(0);
            if (first.prefix()) {
                prefixed.add(phrase);
            } else {
                exact.computeIfAbsent(first.text(), word -> new ArrayList<>()).add(phrase);
            }
        }
        exact.replaceAll((word, list) -> List.copyOf(list));
        this.byFirstWord = Map.copyOf(exact);
        this.byFirstPrefix = List.copyOf(prefixed);
        this.rules = rules;
    }

    /** Which rules (by index) have a phrase in the folded words. */
    boolean[] match(String[] words) {
        boolean[] hits = new boolean[rules];
        for (int i = 0; i < words.length; i++) {
            List<Phrase> candidates = byFirstWord.get(words[i]);
            if (candidates != null) {
                for (Phrase phrase : candidates) {
                    if (!hits[phrase.rule()] && matchesFrom(phrase.tokens(), 1, words, i + 1)) {
                        hits[phrase.rule()] = true;
                    }
                }
            }
            for (Phrase phrase : byFirstPrefix) {
                if (!hits[phrase.rule()] && phrase.tokens().get(0).matches(words[i])
                        && matchesFrom(phrase.tokens(), 1, words, i + 1)) {
                    hits[phrase.rule()] = true;
                }
            }
        }
        return hits;
    }

    private static boolean matchesFrom(List<Token> tokens, int t, String[] words, int w) {
        if (t == tokens.size()) {
            return true;
        }
        Token token = tokens.get(t);
        if (token.wildcard()) {
            for (int skip = 0; skip <= WILDCARD_WORDS && w + skip <= words.length; skip++) {
                if (matchesFrom(tokens, t + 1, words, w + skip)) {
                    return true;
                }
            }
            return false;
        }
        return w < words.length && token.matches(words[w]) && matchesFrom(tokens, t + 1, words, w + 1);
    }
}
