package org.tta.safety.classify;

import java.util.List;

/**
 * The classification of one message, before the per-session trajectory is applied.
 *
 * @param category     the category of the strongest signal ({@link Category#NONE} when nothing matched)
 * @param tier         the tier of the strongest signal ({@link Tier#NONE} when nothing matched)
 * @param signals      every signal that matched, strongest first (ids and categories only: never the matched text)
 * @param rulesVersion the version of the rule set that decided, for example {@code 2026.11.1}
 * @param model        whether the external classifier took part
 */
public record Classification(Category category, Tier tier, List<Signal> signals, String rulesVersion, ModelStatus model) {

    public Classification {
        signals = List.copyOf(signals);
    }
}
