package org.tta.system.checks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.tta.system.harness.SystemUnderTest;
import org.tta.system.load.Acked;
import org.tta.system.load.Participant;

/**
 * Whether the backlog a fault left is drained: every message acknowledged so far is stored in the audit trail
 * and has reached every participant socket of its session.
 */
public final class Backlog {

    private final SystemUnderTest system;

    public Backlog(SystemUnderTest system) {
        this.system = system;
    }

    /** How long it took until everything in {@code acked} was stored and delivered, or empty if not within {@code limit}. */
    public Optional<Duration> awaitDrained(List<Acked> acked, List<Participant> participants, Duration limit) {
        long start = System.nanoTime();
        try {
            Awaitility.await("backlog drained").atMost(limit).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> missing(acked, participants) == 0);
            return Optional.of(Duration.ofNanos(System.nanoTime() - start));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    /** Acknowledged messages not yet in the audit trail, plus (message, participant) deliveries not yet seen. */
    public long missing(List<Acked> acked, List<Participant> participants) throws Exception {
        Set<String> stored = storedMessageIds();
        long missing = acked.stream().filter(a -> !stored.contains(a.eventId())).count();
        Map<String, List<Acked>> bySession = acked.stream().collect(Collectors.groupingBy(Acked::sessionId));
        for (Participant participant : participants) {
            Set<String> seen = new HashSet<>(participant.received());
            missing += bySession.getOrDefault(participant.sessionId(), List.of()).stream()
                    .filter(a -> !seen.contains(a.eventId())).count();
        }
        return missing;
    }

    private Set<String> storedMessageIds() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = system.postgres.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select resource_id from audit_record where action = 'session.message.posted'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
