package org.tta.gateway.proxy;

import java.net.URI;

/**
 * Problem types of the proxy. They live beside the feature until the lead moves them into the
 * platform's {@code ProblemTypes}; the URIs are stable either way.
 */
public final class ProxyProblems {

    private static final String BASE = "https://problems.tta.org/";

    /** The backend did not answer within the route's timeout: 504. */
    public static final URI BACKEND_TIMEOUT = URI.create(BASE + "backend-timeout");
    /** No instance could take the request (down, none registered, or its circuit breaker open): 503. */
    public static final URI BACKEND_UNAVAILABLE = URI.create(BASE + "backend-unavailable");
    /** The backend answered an error that was not problem+json; wrapped (4xx keeps its status, 5xx becomes 502). */
    public static final URI BACKEND_ERROR = URI.create(BASE + "backend-error");
    /** The backend's answer was larger than the route allows: 502, nothing of it relayed. */
    public static final URI RESPONSE_TOO_LARGE = URI.create(BASE + "response-too-large");
    /** The route offers none of the media types the {@code Accept} header allows: 406. */
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    /** Path traversal, encoded slashes or dots, or other ambiguous paths: 400. */
    public static final URI INVALID_PATH = URI.create(BASE + "invalid-path");
    /** Every part of a composite route failed: 502. */
    public static final URI COMPOSITE_FAILED = URI.create(BASE + "composite-failed");

    private ProxyProblems() {
    }
}
