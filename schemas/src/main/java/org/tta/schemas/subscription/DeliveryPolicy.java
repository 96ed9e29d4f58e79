package org.tta.schemas.subscription;

import java.time.Duration;

/**
 * How one subscription's deliveries are retried, after Knative's {@code DeliverySpec}; a null
 * component takes the router's default.
 *
 * @param retry          retries after the first attempt
 * @param backoffPolicy  {@code exponential} (delay x 2^n) or {@code linear} (delay x n), with jitter
 * @param backoffDelay   the base delay
 * @param maxBackoff     no wait between attempts is longer
 * @param timeout        the time one attempt may take
 * @param retryAfterMax  a subscriber's {@code Retry-After} is honoured up to this
 * @param deadLetterSink {@code kafka://<topic>} for what cannot be delivered; null for the source topic's DLQ
 */
public record DeliveryPolicy(Integer retry, String backoffPolicy, Duration backoffDelay, Duration maxBackoff,
        Duration timeout, Duration retryAfterMax, String deadLetterSink) {

    public static final String EXPONENTIAL = "exponential";
    public static final String LINEAR = "linear";
}
