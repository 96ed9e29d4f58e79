package org.tta.safety.classify.text;

import java.util.List;

/**
 * A message as words with their sentence, clause and quotation context. Immutable.
 *
 * @param tokens    the words in order
 * @param sentences how many sentences the message has
 */
public record NormalizedText(List<Token> tokens, int sentences) {

    public static final NormalizedText EMPTY = new NormalizedText(List.of(), 0);

    public NormalizedText {
        tokens = List.copyOf(tokens);
    }

    public int size() {
        return tokens.size();
    }

    public Token get(int i) {
        return tokens.get(i);
    }

    /** Whether any word was spelled out letter by letter. */
    public boolean hasSpacedWords() {
        for (Token t : tokens) {
            if (t.spaced()) {
                return true;
            }
        }
        return false;
    }
}
