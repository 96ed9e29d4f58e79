package org.tta.safety.classify.linear;

import java.util.Arrays;

import org.tta.safety.classify.text.NormalizedText;
import org.tta.safety.classify.text.Token;

/**
 * The features of the statistical signal, computed from the rule engine's own normalisation ({@link NormalizedText}:
 * folded, de-obfuscated word keys), so a leetspeak or spaced-out word reads the same to both. Each feature is a
 * string hashed (FNV-1a, 32 bit) into {@link #DIMENSION} buckets:
 * <ul>
 *   <li>{@code w:} every word key;</li>
 *   <li>{@code b:} every pair of neighbouring keys in one sentence, with {@code <s>}/{@code </s>} at its edges;</li>
 *   <li>{@code c:} the character 3- to 5-grams of each key framed as {@code <key>} (spelling variants, inflections,
 *       unseen compounds share most of them).</li>
 * </ul>
 * A feature counts once per message (presence); the vector is scaled to unit length so long and short messages
 * weigh alike. Stateless and thread-safe; the trainer (test sources) and the worker call the same code, so the
 * weights and the features cannot disagree.
 */
public final class TextFeatures {

    /** 2^18 buckets: collisions are rare at this vocabulary (tens of thousands of distinct features). */
    public static final int DIMENSION = 1 << 18;
    /** Names the feature recipe in the weights file; a file made for another recipe is refused at start-up. */
    public static final String RECIPE = "w1+w2+c3-5/fnv1a/2^18/presence/l2";

    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 5;
    /** Longer messages are cut (the normaliser already caps the text): the cost per message stays bounded. */
    private static final int MAX_TOKENS = 2_000;

    private TextFeatures() {
    }

    /** A sparse feature vector: distinct bucket indices in ascending order and one value each. */
    public record Vector(int[] indices, float value) {

        public int size() {
            return indices.length;
        }
    }

    public static Vector of(NormalizedText text) {
        int n = Math.min(text.size(), MAX_TOKENS);
        int[] buckets = new int[n * 16 + 2];
        int count = 0;
        StringBuilder framed = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Token token = text.get(i);
            String key = token.key();
            buckets = grow(buckets, count, 2 + 3 * (key.length() + 2));
            buckets[count++] = bucket("w:", key);
            boolean firstOfSentence = i == 0 || text.get(i - 1).sentence() != token.sentence();
            buckets[count++] = bucket("b:", (firstOfSentence ? "<s>" : text.get(i - 1).key()) + ' ' + key);
            boolean lastOfSentence = i == n - 1 || text.get(i + 1).sentence() != token.sentence();
            if (lastOfSentence) {
                buckets = grow(buckets, count, 1);
                buckets[count++] = bucket("b:", key + " </s>");
            }
            framed.setLength(0);
            framed.append('<').append(key).append('>');
            for (int len = MIN_GRAM; len <= MAX_GRAM; len++) {
                for (int start = 0; start + len <= framed.length(); start++) {
                    buckets[count++] = bucket("c:", framed, start, start + len);
                }
            }
        }
        int[] sorted = Arrays.copyOf(buckets, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        int[] indices = Arrays.copyOf(sorted, distinct);
        return new Vector(indices, distinct == 0 ? 0f : (float) (1.0 / Math.sqrt(distinct)));
    }

    private static int[] grow(int[] buckets, int count, int needed) {
        return count + needed <= buckets.length ? buckets : Arrays.copyOf(buckets, Math.max(buckets.length * 2, count + needed));
    }

    private static int bucket(String namespace, CharSequence s) {
        return bucket(namespace, s, 0, s.length());
    }

    private static int bucket(String namespace, CharSequence s, int from, int to) {
        int h = 0x811C9DC5;
        for (int i = 0; i < namespace.length(); i++) {
            h = (h ^ namespace.charAt(i)) * 0x01000193;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xFF)) * 0x01000193;
            h = (h ^ (c >>> 8)) * 0x01000193;
        }
        return h & (DIMENSION - 1);
    }
}
