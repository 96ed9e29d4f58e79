package org.tta.safety.classify.linear;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

/**
 * The committed weights ({@code model/linear.bin}) are exactly what the trainer makes of the committed
 * {@code eval/messages.jsonl} and {@code eval/corpus/} ({@link TrainingSet}): the data and the weights cannot drift
 * apart. When this fails, retrain with the
 * command in the message and commit the weights.
 */
class LinearModelWeightsTest {

    private static final String RETRAIN = "retrain with `" + LinearModelTraining.COMMAND
            + "` and commit safety-worker/src/main/resources/model/linear.bin";

    @Test
    void committedWeightsAreWhatTheTrainerMakesOfTheCommittedSet() throws Exception {
        byte[] data = TrainingSet.read();
        byte[] committed = resource("/model/linear.bin");
        LinearModel loaded = LinearModelFile.read(committed, "model/linear.bin");

        assertThat(loaded.header().dataSha256())
                .as("the weights were trained on another messages.jsonl or corpus: " + RETRAIN)
                .isEqualTo(LinearTrainer.sha256(data));
        assertThat(committed)
                .as("the weights differ from what the trainer makes of the training set (trainer or features changed): " + RETRAIN)
                .isEqualTo(LinearModelFile.write(LinearTrainer.train(data)));
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = LinearModelWeightsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath: " + RETRAIN).isNotNull();
            return in.readAllBytes();
        }
    }
}
