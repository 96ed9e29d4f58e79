package org.tta.safety.classify.rules;

import java.util.List;
import java.util.Map;

/**
 * A rule file as written (see {@code rules/en.yaml}); {@link RuleSetLoader} validates and compiles it.
 *
 * @param version  the rule set's version, reported with every classification (for example {@code 2026.11.1})
 * @param language the language of its phrases ({@code en}, {@code es})
 * @param groups   named word lists that phrases use as {@code {name}} (one word of the list)
 * @param lexicon  the cues of the modifiers
 * @param rules    the rules
 */
record RuleFile(String version, String language, Map<String, List<String>> groups, Lexicon lexicon, List<Rule> rules) {

    /**
     * The modifier cues, as phrases. Scopes: negation looks back a few words within the clause; hypothetical,
     * past, recovery and self-quote cues hold for their sentence; a relapse cue anywhere in the message undoes past and recovery.
     *
     * @param negation         cues that negate what follows ("never", "not", "dont")
     * @param negationBreakers phrases holding a negation cue that do not negate ("cant stop", "not sure")
     * @param clauseBreaks     words that start a new clause for negation ("but", "and")
     * @param hypothetical     cues of a hypothetical, a question in general or fiction ("what if someone", "in the movie")
     * @param firstPerson      words naming the author as subject ("i", "im", "myself")
     * @param thirdPerson      words naming someone else as subject ("she", "my friend", "herself")
     * @param thirdPersonObject words naming someone else only as object ("her", "him", "them"): count for
     *                         rules about the one done to, not for rules about the subject
     * @param selfQuote        cues that a quotation is the author's own thought ("i keep thinking")
     * @param past             cues of the past ("used to", "years ago")
     * @param recovery         cues of recovery ("clean for", "in recovery")
     * @param relapse          cues that undo recovery ("relapsed", "again last night")
     * @param urgency          cues, anywhere in the message, that someone else's danger is now or has a time
     *                         ("tonight", "on friday", "wont wake up", "isnt answering"): they make the match of a rule
     *                         with {@code thirdParty: urgent} a third-party emergency
     * @param typos            words whose typing slips count in rule and context phrases ("myslf", "suicde"): crisis
     *                         words of at least 6 letters with no common word one slip away
     */
    record Lexicon(List<String> negation, List<String> negationBreakers, List<String> clauseBreaks,
                   List<String> hypothetical, List<String> firstPerson, List<String> thirdPerson,
                   List<String> thirdPersonObject,
                   List<String> selfQuote, List<String> past, List<String> recovery, List<String> relapse,
                   List<String> urgency, List<String> typos) {
    }

    /**
     * One rule as written.
     *
     * @param id          stable id, reported in signals ({@code si.active.kill-myself})
     * @param category    a {@code Category} wire name
     * @param tier        a {@code Tier} wire name other than none
     * @param weight      0 (exclusive) to 1: how sure a match is; orders signals of one tier
     * @param person      whose risk the rule speaks of: {@code subject} (the grammatical subject, default for
     *                    suicidal ideation, self-harm, overdose, medical emergency, harm to others), {@code object} (the one done
     *                    to: abuse), {@code none} (no third-party check)
     * @param thirdParty  what a match about someone else means: {@code concern} (default: a third-party concern, at
     *                    most moderate), {@code emergency} (a third-party emergency at the rule's tier: the match itself
     *                    is a method, an act under way or a goodbye) or {@code urgent} (an emergency when the message
     *                    has an urgency cue, else a concern); emergency and urgent need a high or imminent rule
     * @param description why the rule exists
     * @param phrases     word sequences: words, {@code word*} prefixes, {@code {group}} and {@code *} (up to 3 words)
     * @param patterns    Java regular expressions over the sentence's keys (see the file header)
     * @param context     phrases of which one must occur in the same sentence for the rule to match; empty: none needed
     * @param messageContext phrases of which one must occur anywhere in the message (chat messages come in short
     *                    sentences: "parked across from his apartment. tire iron on the seat."); empty: none needed
     * @param unless      phrases any of which, in the same sentence, cancels the rule ("hurt myself" unless "playing")
     */
    record Rule(String id, String category, String tier, Double weight, String person, String thirdParty, String description,
                List<String> phrases, List<String> patterns, List<String> context, List<String> messageContext,
                List<String> unless) {
    }
}
