package org.tta.gateway.realtime.delivery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an event sits in a session's live stream: {@code <partition>-<offset>} of its record on
 * {@code tta.deliveries.v1}. One session's deliveries share one partition (the key is the session id),
 * so within a session positions are totally ordered by offset. Opaque to clients, who only echo the
 * last one they saw.
 */
public record Position(int partition, long offset) implements Comparable<Position> {

    private static final Pattern FORM = Pattern.compile("(0|[1-9][0-9]{0,5})-(0|[1-9][0-9]{0,18})");

    public Position {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    /** Parses a client's position; fails with {@link InvalidPositionException} when it is not one. */
    public static Position parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidPositionException("The position is not of the form <partition>-<offset>");
        }
        try {
            return new Position(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw new InvalidPositionException("The position is out of range");
        }
    }

    @Override
    public int compareTo(Position other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
