package org.tta.safety.classify.model;

import org.tta.safety.classify.Category;
import org.tta.safety.classify.Tier;

/**
 * What the external model said about a message.
 *
 * @param category the category it chose
 * @param tier     the tier it chose
 * @param score    its confidence, 0..1
 */
public record ModelAnswer(Category category, Tier tier, double score) {
}
