package org.tta.safety.classify.eval;

import java.util.List;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;

/** One labelled message of the evaluation set ({@code eval/messages.jsonl}). */
record EvalCase(String text, String lang, Category category, Tier tier, List<String> tags) {

    boolean expectsEscalation() {
        return tier.escalates();
    }
}
