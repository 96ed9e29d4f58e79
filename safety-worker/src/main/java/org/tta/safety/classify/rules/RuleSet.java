package org.tta.safety.classify.rules;

import java.util.List;

/** A compiled, validated rule file of one language. Immutable and thread-safe. */
public final class RuleSet {

    private final String language;
    private final String version;
    private final List<CompiledRule> rules;
    private final PhraseIndex index;
    private final boolean hasPatterns;

    /**
     * @param language the language of its phrases
     * @param version  the file's version
     * @param rules    the rules, by index
     * @param index    every phrase (rules, contexts, exceptions and modifier cues)
     */
    RuleSet(String language, String version, List<CompiledRule> rules, PhraseIndex index) {
        this.language = language;
        this.version = version;
        this.rules = List.copyOf(rules);
        this.index = index;
        this.hasPatterns = this.rules.stream().anyMatch(r -> !r.patterns().isEmpty());
    }

    public String language() {
        return language;
    }

    public String version() {
        return version;
    }

    /** How many rules the set holds. */
    public int size() {
        return rules.size();
    }

    List<CompiledRule> rules() {
        return rules;
    }

    PhraseIndex index() {
        return index;
    }

    boolean hasPatterns() {
        return hasPatterns;
    }
}
