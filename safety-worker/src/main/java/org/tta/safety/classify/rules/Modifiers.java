package org.tta.safety.classify.rules;

import java.util.List;

import org.tta.safety.classify.text.NormalizedText;

/**
 * Where a message's modifier cues are: computed once per message and rule set, then asked about each rule match.
 * Not thread-safe (one per evaluation).
 */
final class Modifiers {

    /** How many words may stand between a negation cue and what it negates ("never *really* hurt myself"). */
    static final int NEGATION_REACH = 3;

    private static final byte FIRST = 1;
    private static final byte THIRD = 3;
    private static final byte THIRD_OBJECT = 4;

    private final NormalizedText text;
    private final List<Hit> negations;
    private final boolean[] brokenNegation;
    private final boolean[] clauseBreak;
    private final byte[] person;
    private final boolean[] hypotheticalSentence;
    private final boolean[] pastSentence;
    private final boolean[] selfQuoteSentence;
    private final boolean[] recoverySentence;
    private final boolean relapse;
    private final boolean urgent;

    Modifiers(NormalizedText text, List<Hit> hits) {
        this.text = text;
        int n = text.size();
        this.brokenNegation = new boolean[n];
        this.clauseBreak = new boolean[n];
        this.person = new byte[n];
        this.hypotheticalSentence = new boolean[text.sentences()];
        this.pastSentence = new boolean[text.sentences()];
        this.selfQuoteSentence = new boolean[text.sentences()];
        this.recoverySentence = new boolean[text.sentences()];
        this.negations = hits.stream().filter(h -> h.cue() == Cue.NEGATION).toList();
        boolean relapsed = false;
        boolean urgency = false;
        for (Hit h : hits) {
            int sentence = text.get(h.start()).sentence();
            switch (h.cue()) {
                case NEGATION_BREAKER -> fill(brokenNegation, h);
                case CLAUSE_BREAK -> clauseBreak[h.start()] = true;
                case HYPOTHETICAL -> hypotheticalSentence[sentence] = true;
                case PAST -> pastSentence[sentence] = true;
                case SELF_QUOTE -> selfQuoteSentence[sentence] = true;
                case RECOVERY -> recoverySentence[sentence] = true;
                case RELAPSE -> relapsed = true;
                case URGENCY -> urgency = true;
                case FIRST_PERSON -> mark(h, FIRST);
                default -> {
                }
            }
        }
        for (Hit h : hits) {
            if (h.cue() == Cue.THIRD_PERSON_OBJECT) {
                mark(h, THIRD_OBJECT);
            }
        }
        for (Hit h : hits) {
            if (h.cue() == Cue.THIRD_PERSON) {
                mark(h, THIRD); // "my friend": the phrase outranks its "my"
            }
        }
        this.relapse = relapsed;
        this.urgent = urgency;
    }

    private static void fill(boolean[] flags, Hit h) {
        for (int i = h.start(); i < h.end(); i++) {
            flags[i] = true;
        }
    }

    private void mark(Hit h, byte who) {
        for (int i = h.start(); i < h.end(); i++) {
            person[i] = who;
        }
    }

    /** A negation cue shortly before the match, in its clause, with no clause break between. */
    boolean negated(Hit match) {
        int clause = text.get(match.start()).clause();
        for (Hit cue : negations) {
            if (cue.end() > match.start() || match.start() - cue.end() > NEGATION_REACH
                    || text.get(cue.start()).clause() != clause || brokenNegation[cue.start()]) {
                continue;
            }
            boolean broken = false;
            for (int i = cue.end(); i < match.start(); i++) {
                broken |= clauseBreak[i];
            }
            if (!broken) {
                return true;
            }
        }
        return false;
    }

    boolean hypothetical(Hit match) {
        return hypotheticalSentence[text.get(match.start()).sentence()];
    }

    boolean quoted(Hit match) {
        return text.get(match.start()).quoted();
    }

    /** Quoted, and the author says it is their own thought ("I keep thinking 'I want to die'"). */
    boolean selfQuote(Hit match) {
        return selfQuoteSentence[text.get(match.start()).sentence()];
    }

    /** Someone else is named, outside the quotation, before a quoted match ("my friend texted me '...'"). */
    boolean reportedByThirdParty(Hit match) {
        int sentence = text.get(match.start()).sentence();
        for (int i = match.start() - 1; i >= 0 && text.get(i).sentence() == sentence; i--) {
            if (!text.get(i).quoted() && person[i] == THIRD) {
                return true;
            }
        }
        return false;
    }

    /** The nearest person word at or before the end of the match, in its sentence, is someone else. */
    boolean subjectIsThirdParty(Hit match) {
        int sentence = text.get(match.start()).sentence();
        for (int i = match.end() - 1; i >= 0 && text.get(i).sentence() == sentence; i--) {
            if (person[i] == FIRST || person[i] == THIRD) {
                return person[i] == THIRD;
            }
        }
        return false;
    }

    /** The last person word inside the match is someone else ("hits her", not "hits me"). */
    boolean objectIsThirdParty(Hit match) {
        for (int i = match.end() - 1; i >= match.start(); i--) {
            if (person[i] != 0) {
                return person[i] != FIRST;
            }
        }
        return false;
    }

    /** An urgency cue (a time, a sign of danger now) anywhere in the message. */
    boolean urgent() {
        return urgent;
    }

    /** Past tense or recovery talk in the sentence, and no relapse talk anywhere in the message. */
    boolean pastOrRecovered(Hit match) {
        int sentence = text.get(match.start()).sentence();
        return !relapse && (pastSentence[sentence] || recoverySentence[sentence]);
    }
}
