package org.tta.safety.classify.rules;

import java.util.List;

/**
 * A compiled, validated rule file of one language. Immutable and thread-safe.
 *
 * @param language the language of its phrases
 * @param version  the file's version
 * @param rules    the rules, by index
 * @param index    every phrase (rules, contexts and modifier cues)
 */
public record RuleSet(String language, String version, List<CompiledRule> rules, PhraseIndex index) {

    public RuleSet {
        rules = List.copyOf(rules);
    }

    boolean hasPatterns() {
        for (CompiledRule r : rules) {
            if (!r.patterns().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** How many rules the set holds. */
    public int size() {
        return rules.size();
    }
}
