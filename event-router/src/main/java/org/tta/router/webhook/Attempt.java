package org.tta.router.webhook;

import java.time.Duration;

/**
 * The outcome of one HTTP attempt.
 *
 * @param status     the HTTP status, or 0 when no answer came (timeout, connection refused or closed)
 * @param error      a short error kind for headers and metrics, never a response body
 * @param retryAfter the subscriber's Retry-After, or null
 */
record Attempt(int status, String error, Duration retryAfter) {

    boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** 408, 429, 5xx and no answer are worth another try; other 4xx (and 3xx) are not. */
    boolean retryable() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    static Attempt failed(String error) {
        return new Attempt(0, error, null);
    }
}
