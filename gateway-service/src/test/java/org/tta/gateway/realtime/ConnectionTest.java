package org.tta.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tta.gateway.realtime.delivery.Delivery;
import org.tta.gateway.realtime.delivery.Position;

class ConnectionTest {

    private final List<Connection> overflowed = new ArrayList<>();

    private static Delivery at(long offset) {
        return new Delivery("s", new Position(1, offset), "e" + offset, "{\"offset\":" + offset + "}", 0);
    }

    private static List<String> positions(Connection connection) {
        return connection.frames().take(java.time.Duration.ofMillis(200)).map(OutboundFrame::position).collectList().block();
    }

    @Test
    void sendsReplayedEventsThenHeldLiveEventsWithNoDuplicateAtTheSeam() {
        Connection connection = new Connection("s", "alice", "patient", "test", 16, true, overflowed::add);
        connection.deliver(at(7)); // live, while replaying: also in the replay
        connection.deliver(at(8));
        connection.replayed(List.of(at(5), at(6), at(7)), 4);
        connection.deliver(at(9));
        connection.deliver(at(8)); // again: dropped

        assertThat(positions(connection)).containsExactly("1-5", "1-6", "1-7", "1-8", "1-9");
        assertThat(overflowed).isEmpty();
    }

    @Test
    void dropsEventsAtOrBelowTheResumePosition() {
        Connection connection = new Connection("s", "alice", "patient", "test", 16, true, overflowed::add);
        connection.deliver(at(3));
        connection.replayed(List.of(), 4);
        connection.deliver(at(5));

        assertThat(positions(connection)).containsExactly("1-5");
    }

    @Test
    void overflowsOnceWhenTheBufferIsFullAndThenSendsNothingMore() {
        Connection connection = new Connection("s", "alice", "patient", "test", 4, false, overflowed::add);
        for (int i = 0; i < 10; i++) {
            connection.deliver(at(i));
        }
        assertThat(overflowed).containsExactly(connection);
        assertThat(connection.isOverflowed()).isTrue();
        assertThat(positions(connection)).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void overflowsWhenTooManyLiveEventsArriveDuringTheReplay() {
        Connection connection = new Connection("s", "alice", "patient", "test", 4, true, overflowed::add);
        for (int i = 0; i < 5; i++) {
            connection.deliver(at(i));
        }
        assertThat(overflowed).containsExactly(connection);
    }
}
