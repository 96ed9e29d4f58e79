package org.tta.safety.classify.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.Token;

/**
 * Every phrase of a rule set, indexed by the keys its first word accepts, so that one pass over a message's words
 * tries only the phrases that can start at each word. Immutable and thread-safe.
 */
final class PhraseIndex {

    private final Map<String, Phrase[]> byFirstKey;
    private final Phrase[] prefixFirst;
    private final List<Squeezed> squeezed;

    /** A rule phrase with its word breaks removed, looked for inside words spelled out letter by letter. */
    record Squeezed(String letters, int rule) {
    }

    PhraseIndex(List<Phrase> phrases, List<Squeezed> squeezed) {
        Map<String, List<Phrase>> index = new HashMap<>();
        List<Phrase> prefixes = new ArrayList<>();
        for (Phrase p : phrases) {
            Phrase.Element first = p.elements().getFirst();
            switch (first.kind()) {
                case EXACT -> index.computeIfAbsent(first.key(), k -> new ArrayList<>()).add(p);
                case GROUP -> first.group().forEach(k -> index.computeIfAbsent(k, x -> new ArrayList<>()).add(p));
                case PREFIX -> prefixes.add(p);
                case GAP -> throw new IllegalArgumentException("a phrase cannot start with '*'");
            }
        }
        Map<String, Phrase[]> frozen = new HashMap<>();
        index.forEach((k, v) -> frozen.put(k, v.toArray(Phrase[]::new)));
        this.byFirstKey = Map.copyOf(frozen);
        this.prefixFirst = prefixes.toArray(Phrase[]::new);
        this.squeezed = List.copyOf(squeezed);
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

    private static void add(List<Hit> hits, Phrase p, NormalizedText text, int at) {
        int end = p.matchAt(text, at);
        if (end > at) {
            hits.add(new Hit(p.cue(), p.rule(), at, end));
        }
    }
}
