package org.tta.safety.classify;

/** Whether the optional external classifier took part in a verdict. */
public enum ModelStatus {
    /** The model answered in time and its answer was combined with the rules. */
    USED,
    /** The model is configured but timed out, failed or its circuit breaker is open: the rules alone decided. */
    UNAVAILABLE,
    /** No model is configured: the rules alone decide. */
    DISABLED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
