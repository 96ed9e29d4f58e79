package org.tta.safety.scan;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tta.safety.classify.Category;
import org.tta.safety.classify.Classification;
import org.tta.safety.classify.ClassificationInput;
import org.tta.safety.classify.Classifier;
import org.tta.safety.classify.ModelStatus;
import org.tta.safety.classify.Tier;
import org.tta.schemas.payload.SafetyVerdict;

/**
 * Calls the {@link Classifier} with a hard time limit, so a hung classifier can never stop a partition. The
 * classifier keeps its own timeout and circuit breaker for the external model; this is the second line. Calls run
 * on a small bounded pool: a call past the limit is cancelled and its scan decided without the classifier (the
 * scan priority still escalates); when every pool thread is held by a hung call, scans are decided at once.
 * Thread-safe.
 */
public final class BoundedClassifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BoundedClassifier.class);

    /** What a scan gets when the classifier did not answer: nothing found, the model marked unavailable. */
    static final Classification UNCLASSIFIED = new Classification(Category.NONE, Tier.NONE, List.of(), "unavailable",
            ModelStatus.UNAVAILABLE);

    /** A classification and how it was obtained ({@link SafetyVerdict#OUTCOME_CLASSIFIED} or a failure). */
    public record Result(Classification classification, String outcome) {
    }

    private final Classifier classifier;
    private final long timeoutNanos;
    private final ThreadPoolExecutor pool;

    public BoundedClassifier(Classifier classifier, Duration timeout, int threads) {
        this.classifier = classifier;
        this.timeoutNanos = timeout.toNanos();
        AtomicInteger count = new AtomicInteger();
        // A queue as long as the pool: a caller waits at most one timeout behind a call that is about to give up.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(threads),
                runnable -> {
                    Thread thread = new Thread(runnable, "safety-classifier-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public Result classify(ClassificationInput input) {
        Future<Classification> call;
        try {
            call = pool.submit(() -> classifier.classify(input));
        } catch (RejectedExecutionException e) {
            log.warn("Classifier pool saturated by hung calls; deciding the scan without it");
            return new Result(UNCLASSIFIED, SafetyVerdict.OUTCOME_CLASSIFIER_TIMEOUT);
        }
        try {
            Classification classification = call.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return classification == null ? new Result(UNCLASSIFIED, SafetyVerdict.OUTCOME_CLASSIFIER_ERROR)
                    : new Result(classification, SafetyVerdict.OUTCOME_CLASSIFIED);
        } catch (TimeoutException e) {
            call.cancel(true);
            log.warn("Classifier did not answer within {} ms; deciding the scan without it",
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
            return new Result(UNCLASSIFIED, SafetyVerdict.OUTCOME_CLASSIFIER_TIMEOUT);
        } catch (ExecutionException e) {
            // The message of a classifier exception may quote the text: log the type only.
            log.warn("Classifier failed ({}); deciding the scan without it", e.getCause().getClass().getName());
            return new Result(UNCLASSIFIED, SafetyVerdict.OUTCOME_CLASSIFIER_ERROR);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Result(UNCLASSIFIED, SafetyVerdict.OUTCOME_CLASSIFIER_TIMEOUT);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
