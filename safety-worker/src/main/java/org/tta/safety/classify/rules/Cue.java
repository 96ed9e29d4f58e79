package org.tta.safety.classify.rules;

/** What a phrase of a rule set stands for: a rule, the context of a rule, or a modifier cue. */
enum Cue {
    RULE, CONTEXT, MESSAGE_CONTEXT, UNLESS, NEGATION, NEGATION_BREAKER, CLAUSE_BREAK, HYPOTHETICAL, FIRST_PERSON, THIRD_PERSON, THIRD_PERSON_OBJECT, SELF_QUOTE,
    PAST, RECOVERY, RELAPSE, URGENCY
}
