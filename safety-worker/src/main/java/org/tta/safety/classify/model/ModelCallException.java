package org.tta.safety.classify.model;

/** The external model did not give a usable answer in time. */
public class ModelCallException extends RuntimeException {

    private final boolean timeout;

    public ModelCallException(String message, boolean timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the call ran out of time (as opposed to failing). */
    public boolean timeout() {
        return timeout;
    }
}
