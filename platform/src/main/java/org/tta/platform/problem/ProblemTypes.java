package org.tta.platform.problem;

import java.net.URI;

/**
 * Stable {@code type} URIs of RFC 9457 problem details, one per kind of problem. Clients branch on
 * these, never on {@code detail} text. The URIs identify; they need not resolve.
 */
public final class ProblemTypes {
    private static final String BASE = "https://problems.tta.org/";

    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI VALIDATION_FAILED = URI.create(BASE + "validation-failed");
    public static final URI UNAUTHENTICATED = URI.create(BASE + "unauthenticated");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI NOT_A_PARTICIPANT = URI.create(BASE + "not-a-participant");
    public static final URI CONTENT_POLICY = URI.create(BASE + "content-policy");
    public static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");
    public static final URI IDEMPOTENCY_IN_PROGRESS = URI.create(BASE + "idempotency-in-progress");
    /**
     * Whether an earlier attempt with this Idempotency-Key was written could not be decided (Kafka unreachable or
     * slow); nothing was written: 503 with {@code Retry-After}, retry with the same key.
     */
    public static final URI IDEMPOTENCY_OUTCOME_UNKNOWN = URI.create(BASE + "idempotency-outcome-unknown");
    public static final URI RATE_LIMITED = URI.create(BASE + "rate-limited");
    public static final URI BLOCKED = URI.create(BASE + "blocked");
    public static final URI BROKER_UNAVAILABLE = URI.create(BASE + "broker-unavailable");
    /** The shared state store (Redis) could not answer, so nothing was checked or accepted: 503. */
    public static final URI SHARED_STATE_UNAVAILABLE = URI.create(BASE + "shared-state-unavailable");
    /** An {@code If-Match} precondition did not hold: 412. */
    public static final URI PRECONDITION_FAILED = URI.create(BASE + "precondition-failed");
    /** The resource kept changing under a request that did not say which version it meant: 409. */
    public static final URI CONCURRENT_MODIFICATION = URI.create(BASE + "concurrent-modification");
    /** The resource's state does not allow the request (acknowledging a resolved escalation): 409. */
    public static final URI STATE_CONFLICT = URI.create(BASE + "state-conflict");
    /** Lower-priority traffic shed while the Kafka write path is backpressured (503). */
    public static final URI OVERLOADED = URI.create(BASE + "overloaded");
    public static final URI INTERNAL = URI.create(BASE + "internal-error");
    /** A page cursor that was altered, forged or given with other filters than the ones it came from: 400. */
    public static final URI INVALID_CURSOR = URI.create(BASE + "invalid-cursor");
    /** The audit trail could not record this read of itself, so nothing was read: 503 with {@code Retry-After}. */
    public static final URI AUDIT_TRAIL_UNAVAILABLE = URI.create(BASE + "audit-trail-unavailable");

    private ProblemTypes() {
    }
}
