package org.tta.router.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Router metrics: {@code tta.router.deliveries} (subscription, sink), {@code tta.router.webhook.attempts}
 * (subscription, status), {@code tta.router.retries} (subscription), {@code tta.router.dead.letters}
 * (topic, reason), {@code tta.router.unmatched} (topic), {@code tta.router.poison} (topic),
 * {@code tta.router.escalations.review.on-call} (review steps sent to on-call for want of a review sink).
 */
public final class DeliveryMetrics {

    public static final String REVIEW_TO_ON_CALL = "tta.router.escalations.review.on-call";

    private final MeterRegistry meters;

    public DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public void delivered(String subscription, String sink) {
        Counter.builder("tta.router.deliveries").description("Events delivered, by subscription and sink kind")
                .tag("subscription", subscription).tag("sink", sink).register(meters).increment();
    }

    void attempted(String subscription, int status) {
        Counter.builder("tta.router.webhook.attempts").description("Webhook HTTP attempts, by status (0 = no answer)")
                .tag("subscription", subscription).tag("status", Integer.toString(status)).register(meters).increment();
    }

    void retried(String subscription) {
        Counter.builder("tta.router.retries").description("Webhook retries").tag("subscription", subscription)
                .register(meters).increment();
    }

    public void deadLettered(String topic, String reason) {
        Counter.builder("tta.router.dead.letters").description("Records written to a dead-letter topic")
                .tag("topic", topic).tag("reason", reason).register(meters).increment();
    }

    public void unmatched(String topic) {
        Counter.builder("tta.router.unmatched").description("Events no subscription matched (dropped)")
                .tag("topic", topic).register(meters).increment();
    }

    /** A review escalation step went to the on-call sink because no clinical review sink is configured. */
    public void reviewToOnCall() {
        Counter.builder(REVIEW_TO_ON_CALL)
                .description("Review escalation steps delivered to the on-call sink because no review sink is configured")
                .register(meters).increment();
    }

    public void poison(String topic) {
        Counter.builder("tta.router.poison").description("Records that are not readable CloudEvents")
                .tag("topic", topic).register(meters).increment();
    }
}
