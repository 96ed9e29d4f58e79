package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Retrains the statistical signal from {@code eval/messages.jsonl} and the training corpus {@code eval/corpus/}
 * ({@link TrainingSet}; never from a held-out batch) and writes {@code src/main/resources/model/linear.bin}. Not part
 * of the default test run (the name does not end in Test); run it after any change to either with {@value #COMMAND},
 * then commit the file.
 * {@link LinearModelWeightsTest} fails until the committed weights are what this produces.
 */
class LinearModelTraining {

    static final String COMMAND = "./mvnw -B -o -q -pl safety-worker test -Dtest=LinearModelTraining "
            + "-Dsurefire.failIfNoSpecifiedTests=false";
    static final Path WEIGHTS = Path.of("src/main/resources/model/linear.bin");

    @Test
    void trainsOnTheLabelledSetAndWritesTheWeights() throws Exception {
        LinearModel model = LinearTrainer.train(TrainingSet.read());
        byte[] bytes = LinearModelFile.write(model);
        Files.createDirectories(WEIGHTS.getParent());
        Files.write(WEIGHTS, bytes);
        LinearModel.Header h = model.header();
        System.out.printf("Wrote %s (%d bytes): %s, %d examples, %d rows, threshold %.2f (cross-validated precision %.3f "
                        + "for a target of %.2f; escalation head recall alone %.3f)%n", WEIGHTS, bytes.length, h.version(),
                h.examples(), model.buckets().length, h.threshold(), h.cvPrecision(), h.precisionTarget(), h.cvRecall());
        assertThat(LinearModelFile.read(Files.readAllBytes(WEIGHTS), WEIGHTS.toString()).header()).isEqualTo(h);
    }
}
