package org.tta.safety.classify;

/**
 * Classifies one message. Implementations are thread-safe, never throw for any input text, and return within a
 * bounded time (the external model is called with a timeout and a circuit breaker; when it is slow or down the
 * rules alone decide and the result says {@link ModelStatus#UNAVAILABLE}).
 */
public interface Classifier {

    Classification classify(ClassificationInput input);
}
