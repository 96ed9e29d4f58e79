package org.tta.safety.classify;

/**
 * One rule (or the model) that matched a message.
 *
 * @param ruleId   the id of the rule in its rule file, or {@code model:<name>} for the external classifier
 * @param category the category the signal points to
 * @param tier     the tier it points to, after negation, hypotheticals, quotation and tense were taken into account
 * @param weight   the rule's weight (0..1)
 */
public record Signal(String ruleId, Category category, Tier tier, double weight) {
}
