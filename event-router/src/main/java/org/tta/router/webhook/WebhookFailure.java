package org.tta.router.webhook;

/**
 * A webhook delivery that ended without success: it goes to the dead letter.
 *
 * @param job      what was to be delivered
 * @param status   the last HTTP status, 0 when no answer, -1 when nothing was sent
 * @param attempts HTTP attempts made
 * @param error    the last error kind (such as {@code http-500}, {@code timeout}, {@code circuit-open})
 */
public record WebhookFailure(WebhookJob job, int status, int attempts, String error) {
}
