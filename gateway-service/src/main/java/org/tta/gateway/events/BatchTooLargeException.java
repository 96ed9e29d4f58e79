package org.tta.gateway.events;

/** A batch-mode request carries more events than {@code tta.gateway.events.max-batch-size} (413). */
public final class BatchTooLargeException extends RuntimeException {

    private final int maxEvents;

    public BatchTooLargeException(int maxEvents) {
        super("A batch may carry at most " + maxEvents + " events", null, false, false);
        this.maxEvents = maxEvents;
    }

    public int maxEvents() {
        return maxEvents;
    }
}
