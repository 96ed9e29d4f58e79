package org.tta.safety.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.ClassificationInput;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.ModelStatus;
import org.tta.safety.classify.Tier;
import org.tta.schemas.payload.SafetyVerdict;

class BoundedClassifierTest {

    private final CountDownLatch never = new CountDownLatch(1);
    private BoundedClassifier bounded;

    @AfterEach
    void release() {
        never.countDown();
        bounded.close();
    }

    @Test
    void aHangingClassifierTimesOutAndTheScanIsDecidedWithoutIt() {
        bounded = new BoundedClassifier(hanging(), Duration.ofMillis(100), 2);

        BoundedClassifier.Result result = bounded.classify(new ClassificationInput("anything", "patient"));

        assertThat(result.outcome()).isEqualTo(SafetyVerdict.OUTCOME_CLASSIFIER_TIMEOUT);
        assertThat(result.classification().model()).isEqualTo(ModelStatus.UNAVAILABLE);
        assertThat(result.classification().tier()).isEqualTo(Tier.NONE);
    }

    @Test
    void keepsAnsweringWhenEveryThreadIsHeldByAHungCall() {
        bounded = new BoundedClassifier(hanging(), Duration.ofMillis(50), 1);

        // Each call gives up after the timeout; later calls find the pool and its queue full and answer at once.
        List<String> outcomes = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> bounded.classify(new ClassificationInput("x", "patient")).outcome()).toList();

        assertThat(outcomes).containsOnly(SafetyVerdict.OUTCOME_CLASSIFIER_TIMEOUT);
    }

    @Test
    void aFailingClassifierIsAnErrorOutcomeNotAnException() {
        bounded = new BoundedClassifier(input -> {
            throw new IllegalStateException("boom");
        }, Duration.ofSeconds(5), 1);

        assertThat(bounded.classify(new ClassificationInput("x", "patient")).outcome())
                .isEqualTo(SafetyVerdict.OUTCOME_CLASSIFIER_ERROR);
    }

    @Test
    void passesAnAnswerInTimeThrough() {
        Classification high = new Classification(Category.SELF_HARM, Tier.HIGH, List.of(), "r1", ModelStatus.DISABLED);
        bounded = new BoundedClassifier(input -> high, Duration.ofSeconds(5), 1);

        BoundedClassifier.Result result = bounded.classify(new ClassificationInput("x", "patient"));

        assertThat(result.classification()).isEqualTo(high);
        assertThat(result.outcome()).isEqualTo(SafetyVerdict.OUTCOME_CLASSIFIED);
    }

    private Classifier hanging() {
        return input -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BoundedClassifier.UNCLASSIFIED;
        };
    }
}
