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
 * @param thirdParty  what a match about someone else means
 * @param patterns    regular expressions over a sentence's keys
 * @param needsContext whether a context phrase must occur in the same sentence
 * @param needsMessageContext whether a message-context phrase must occur anywhere in the message
 * @param hasUnless    whether some phrases cancel the rule in their sentence
 */
record CompiledRule(String id, Category category, Tier tier, double weight, Person person, ThirdParty thirdParty,
                    List<Pattern> patterns,
                    boolean needsContext, boolean needsMessageContext, boolean hasUnless) {

    /** Whose risk a rule speaks of, for the third-party check. */
    enum Person {
        /** The grammatical subject: the nearest person word at or before the match decides. */
        SUBJECT,
        /** The one done to: a third-person word inside the match (and none of the author) makes it third party. */
        OBJECT,
        /** No check. */
        NONE
    }

    /** What a match about someone else means (only for rules about the author's own crisis with a person check). */
    enum ThirdParty {
        /** A third-party concern, at most moderate: a reported wish, ideation or intent without a time. */
        CONCERN,
        /** A third-party emergency at the rule's tier: the match itself is a method, an act under way or a goodbye. */
        EMERGENCY,
        /** A third-party emergency when the message has an urgency cue (a time, a sign of danger now), else a concern. */
        URGENT;

        boolean emergency(boolean urgentMessage) {
            return this == EMERGENCY || (this == URGENT && urgentMessage);
        }
    }

    CompiledRule {
        patterns = List.copyOf(patterns);
    }
}
