package org.tta.gateway.proxy.forward;

import java.time.Duration;

import org.tta.gateway.problem.Problem;

/** A request the proxy could not complete, with the problem to answer. No stack trace: it is an answer, not a bug. */
public final class ProxyFailure extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    public ProxyFailure(Problem problem, Duration retryAfter) {
        super(problem.type().toString(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
