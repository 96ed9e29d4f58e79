package org.tta.gateway.ops.lag;

/**
 * A consumer group's (or one of its partitions') health over the evaluation window, in the spirit of Burrow.
 * The {@link #level()} is what the {@code tta_consumer_group_status} gauge reports; higher is worse.
 */
public enum GroupStatus {
    /** Keeping up, or idle with nothing to read. */
    OK(0),
    /** Committing, but lag grew at every evaluation of the window. */
    WARNING(1),
    /** Members present, lag above zero, committed offsets unchanged over the whole window. */
    STALLED(2),
    /** No member left (or never any commit moving) while records wait. */
    STOPPED(3),
    /** The offsets could not be read. */
    ERROR(4);

    private final int level;

    GroupStatus(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    GroupStatus worst(GroupStatus other) {
        return other.level > level ? other : this;
    }
}
