package org.tta.safety.classify.linear;

import java.util.Arrays;
import java.util.List;

import org.tta.safety.classify.Category;

/**
 * Two linear heads over {@link TextFeatures}: a logistic regression for "this message needs a clinician" (expected
 * tier high or imminent) and a softmax over the escalating categories, trained on the escalating messages only.
 * Weights are kept sparse (only buckets seen in training have a row). Immutable and thread-safe.
 *
 * @param header     where the weights come from and the threshold chosen for them
 * @param categories the category head's classes, in row order (each escalates)
 */
public record LinearModel(Header header, List<Category> categories, float escalationBias, float[] categoryBias,
                          int[] buckets, float[][] rows) {

    /**
     * @param version         {@code linear-<first 12 hex digits of the training data's SHA-256>}
     * @param dataSha256      SHA-256 of the training text the weights came from (the gated set
     *                        {@code eval/messages.jsonl}, then the corpus {@code eval/corpus/*.jsonl})
     * @param examples        how many labelled messages it held
     * @param threshold       the least escalation probability at which the signal raises a verdict
     * @param precisionTarget the cross-validated precision the threshold was chosen for
     * @param cvPrecision     the out-of-fold high+imminent precision on the training set at the threshold, the rules
     *                        taken as the gate requires them (every escalation found, none false) plus the model
     * @param cvRecall        the out-of-fold recall of the escalation head alone at the threshold
     */
    public record Header(String version, String dataSha256, int examples, float threshold, float precisionTarget,
                         float cvPrecision, float cvRecall) {
    }

    /** What the model makes of one message. */
    public record Prediction(double escalation, Category category, double categoryProbability) {
    }

    public LinearModel {
        categories = List.copyOf(categories);
        if (buckets.length != rows.length) {
            throw new IllegalArgumentException("buckets and rows differ in length");
        }
        for (int i = 1; i < buckets.length; i++) {
            if (buckets[i] <= buckets[i - 1]) {
                throw new IllegalArgumentException("buckets are not strictly ascending at row " + i);
            }
        }
    }

    public Prediction predict(TextFeatures.Vector x) {
        int k = categories.size();
        double escalation = escalationBias;
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
            scores[c] = categoryBias[c];
        }
        for (int index : x.indices()) {
            int row = Arrays.binarySearch(buckets, index);
            if (row < 0) {
                continue;
            }
            float[] w = rows[row];
            escalation += x.value() * w[0];
            for (int c = 0; c < k; c++) {
                scores[c] += x.value() * w[c + 1];
            }
        }
        int best = 0;
        double max = scores[0];
        for (int c = 1; c < k; c++) {
            if (scores[c] > max) {
                max = scores[c];
                best = c;
            }
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(scores[c] - max);
        }
        return new Prediction(1.0 / (1.0 + Math.exp(-escalation)), categories.get(best), 1.0 / sum);
    }
}
