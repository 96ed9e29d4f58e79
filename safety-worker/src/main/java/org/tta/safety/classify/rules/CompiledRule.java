package org.tta.safety.classify.rules;

import java.util.List;
import java.util.regex.Pattern;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;

/**
 * One validated rule. Its phrases live in the rule set's {@link PhraseIndex}; its patterns here. Immutable.
 *
 * @param id          stable id
 * @param category    what a match signals
 * @param tier        how severe a match is before modifiers
 * @param weight      how sure a match is (0..1]
 * @param person      whose risk the rule speaks of
 * @param patterns    regular expressions over a sentence's keys
 * @param needsContext whether a context phrase must occur in the same sentence
 * @param hasUnless    whether some phrases cancel the rule in their sentence
 */
record CompiledRule(String id, Category category, Tier tier, double weight, Person person, List<Pattern> patterns,
                    boolean needsContext, boolean hasUnless) {

    /** Whose risk a rule speaks of, for the third-party check. */
    enum Person {
        /** The grammatical subject: the nearest person word at or before the match decides. */
        SUBJECT,
        /** The one done to: a third-person word inside the match (and none of the author) makes it third party. */
        OBJECT,
        /** No check. */
        NONE
    }

    CompiledRule {
        patterns = List.copyOf(patterns);
    }
}
