package org.tta.safety.classify.rules;

import java.util.List;
import java.util.Set;

import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.Token;

/**
 * A compiled phrase: a sequence of elements matched against the words of one sentence. Immutable and thread-safe.
 *
 * @param elements the elements; the first is never a gap
 * @param cue      what a match stands for
 * @param rule     index of the rule for {@link Cue#RULE}, {@link Cue#CONTEXT}, {@link Cue#MESSAGE_CONTEXT} and {@link Cue#UNLESS}, else -1
 * @param tolerant whether its words also accept near spellings ({@link Tolerance}): rule and context phrases, not
 *                 exceptions or modifier cues
 */
record Phrase(List<Element> elements, Cue cue, int rule, boolean tolerant) {

    /** The most words a lone {@code *} stands for. */
    static final int MAX_GAP = 3;

    Phrase {
        elements = List.copyOf(elements);
    }

    /**
     * One element: a word key, a key prefix ({@code word*}), one word of a group ({@code {group}}), or a gap.
     *
     * @param typoKeys its key, or the keys of its group, that also accept a typing slip ({@link Tolerance#typo})
     */
    record Element(Kind kind, String key, Set<String> group, Set<String> typoKeys) {

        enum Kind { EXACT, PREFIX, GROUP, GAP }

        Element(Kind kind, String key, Set<String> group) {
            this(kind, key, group, Set.of());
        }

        boolean accepts(String word) {
            return switch (kind) {
                case EXACT -> key.equals(word);
                case PREFIX -> word.startsWith(key);
                case GROUP -> group.contains(word);
                case GAP -> true;
            };
        }

        /** Accepts a chat spelling of its word or of a word of its group, or a slip of a typo key. */
        boolean acceptsNear(String word) {
            if (kind == Kind.PREFIX || kind == Kind.GAP) {
                return false;
            }
            for (String meaning : Tolerance.chatMeanings(word)) {
                if (accepts(meaning)) {
                    return true;
                }
            }
            for (String typoKey : typoKeys) {
                if (Tolerance.typo(typoKey, word)) {
                    return true;
                }
            }
            return false;
        }

        /** Accepts the word as written or, when {@code tolerant}, a near spelling of it. */
        boolean accepts(String word, boolean tolerant) {
            return accepts(word) || (tolerant && acceptsNear(word));
        }
    }

    /** The end (exclusive) of a match starting at word {@code start}, within its sentence; -1 when none. */
    int matchAt(NormalizedText text, int start) {
        return match(text, 0, start, text.get(start).sentence());
    }

    private int match(NormalizedText text, int element, int at, int sentence) {
        if (element == elements.size()) {
            return at;
        }
        Element e = elements.get(element);
        if (e.kind() == Element.Kind.GAP) {
            for (int skip = 0; skip <= MAX_GAP; skip++) {
                int next = at + skip;
                if (next > text.size() || (skip > 0 && text.get(next - 1).sentence() != sentence)) {
                    return -1;
                }
                int end = match(text, element + 1, next, sentence);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (at >= text.size()) {
            return -1;
        }
        Token t = text.get(at);
        if (t.sentence() != sentence || !e.accepts(t.key(), tolerant)) {
            return -1;
        }
        return match(text, element + 1, at + 1, sentence);
    }
}
