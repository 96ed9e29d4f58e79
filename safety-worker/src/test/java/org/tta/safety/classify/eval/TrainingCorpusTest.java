package org.tta.safety.classify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The statistical signal's training corpus ({@code eval/corpus/}) is labelled data the trainer can read, and no
 * held-out message is among what the weights learn from: a held-out figure is only worth anything if the weights
 * never saw the message.
 */
class TrainingCorpusTest {

    static final String CORPUS = "classpath*:eval/corpus/*.jsonl";

    @Test
    void everyCorpusLineIsALabelledMessage() throws Exception {
        List<EvalSet.Batch> corpus = EvalSet.batches(CORPUS);

        assertThat(corpus).isNotEmpty();
        for (EvalSet.Batch batch : corpus) {
            assertThat(batch.problems()).as(batch.name()).isEmpty();
            assertThat(batch.cases()).as(batch.name()).isNotEmpty();
        }
    }

    @Test
    void noHeldOutMessageIsInTheSetOrTheCorpus() throws Exception {
        Set<String> learnt = new HashSet<>();
        EvalSet.messages().forEach(c -> learnt.add(key(c.text())));
        EvalSet.batches(CORPUS).forEach(b -> b.cases().forEach(c -> learnt.add(key(c.text()))));

        for (EvalSet.Batch heldOut : EvalSet.heldOut()) {
            assertThat(heldOut.cases()).as(heldOut.name() + ": held-out messages the weights learn from")
                    .noneMatch(c -> learnt.contains(key(c.text())));
        }
    }

    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
