package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.Token;

/**
 * Every phrase of a rule set, indexed by the keys its first word accepts, so that one pass over a message's words
 * tries only the phrases that can start at each word. Immutable and thread-safe.
 */
final class PhraseIndex {

    private final Map<String, Phrase[]> byFirstKey;
    // Tolerant phrases by their first keys and those keys with one letter dropped ({@link Tolerance#lookupKeys}).
    private final Map<String, Phrase[]> byNearFirstKey;
    // The first letters and the length range of the typo keys that start phrases: most words are none of these,
    // so their slips are never looked up.
    private final String typoInitials;
    private final int shortestTypo;
    private final int longestTypo;
    private final Phrase[] prefixFirst;
    private final List<Squeezed> squeezed;

    /** A rule phrase with its word breaks removed, looked for inside words spelled out letter by letter. */
    record Squeezed(String letters, int rule) {
    }

    PhraseIndex(List<Phrase> phrases, List<Squeezed> squeezed) {
        Map<String, List<Phrase>> index = new HashMap<>();
        Map<String, List<Phrase>> near = new HashMap<>();
        List<Phrase> prefixes = new ArrayList<>();
        StringBuilder initials = new StringBuilder();
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (Phrase p : phrases) {
            Phrase.Element first = p.elements().getFirst();
            switch (first.kind()) {
                case EXACT -> index.computeIfAbsent(first.key(), k -> new ArrayList<>()).add(p);
                case GROUP -> first.group().forEach(k -> index.computeIfAbsent(k, x -> new ArrayList<>()).add(p));
                case PREFIX -> prefixes.add(p);
                case GAP -> throw new IllegalArgumentException("a phrase cannot start with '*'");
            }
            if (p.tolerant() && first.kind() != Phrase.Element.Kind.PREFIX) {
                for (String key : first.kind() == Phrase.Element.Kind.EXACT ? Set.of(first.key()) : first.group()) {
                    near.computeIfAbsent(key, x -> new ArrayList<>()).add(p);
                    if (first.typoKeys().contains(key)) {
                        if (initials.indexOf(key.substring(0, 1)) < 0) {
                            initials.append(key.charAt(0));
                        }
                        shortest = Math.min(shortest, key.length());
                        longest = Math.max(longest, key.length());
                        for (String shorter : Tolerance.deletions(key)) {
                            near.computeIfAbsent(shorter, x -> new ArrayList<>()).add(p);
                        }
                    }
                }
            }
        }
        this.byFirstKey = freeze(index);
        this.byNearFirstKey = freeze(near);
        this.typoInitials = initials.toString();
        this.shortestTypo = shortest;
        this.longestTypo = longest;
        this.prefixFirst = prefixes.toArray(Phrase[]::new);
        this.squeezed = List.copyOf(squeezed);
    }

    private static Map<String, Phrase[]> freeze(Map<String, List<Phrase>> index) {
        Map<String, Phrase[]> frozen = new HashMap<>();
        index.forEach((k, v) -> frozen.put(k, v.stream().distinct().toArray(Phrase[]::new)));
        return Map.copyOf(frozen);
    }

    /** Every match in the message, in word order. */
    List<Hit> scan(NormalizedText text) {
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Token t = text.get(i);
            Phrase[] candidates = byFirstKey.get(t.key());
            if (candidates != null) {
                for (Phrase p : candidates) {
                    add(hits, p, text, i);
                }
            }
            for (Phrase p : prefixFirst) {
                add(hits, p, text, i);
            }
            addNear(hits, text, i);
            if (t.spaced() && t.key().length() > 3) {
                for (Squeezed s : squeezed) {
                    if (t.key().contains(s.letters())) {
                        hits.add(new Hit(Cue.RULE, s.rule(), i, i + 1));
                    }
                }
            }
        }
        return hits;
    }

    /** Tolerant phrases whose first word the word at {@code at} is a near spelling of (not the same word). */
    private void addNear(List<Hit> hits, NormalizedText text, int at) {
        String word = text.get(at).key();
        List<Phrase> tried = null;
        boolean mayBeSlip = word.length() >= shortestTypo - 1 && word.length() <= longestTypo
                && typoInitials.indexOf(word.charAt(0)) >= 0;
        for (String key : Tolerance.lookupKeys(word, mayBeSlip)) {
            Phrase[] candidates = byNearFirstKey.get(key);
            if (candidates == null) {
                continue;
            }
            for (Phrase p : candidates) {
                Phrase.Element first = p.elements().getFirst();
                if (first.accepts(word) || !first.acceptsNear(word)) {
                    continue; // found by the exact index already, or not near after all
                }
                if (tried == null) {
                    tried = new ArrayList<>();
                } else if (tried.contains(p)) {
                    continue;
                }
                tried.add(p);
                add(hits, p, text, at);
            }
        }
    }

    private static void add(List<Hit> hits, Phrase p, NormalizedText text, int at) {
        int end = p.matchAt(text, at);
        if (end > at) {
            hits.add(new Hit(p.cue(), p.rule(), at, end));
        }
    }
}
