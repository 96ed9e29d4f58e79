package org.tta.system.checks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.tta.system.load.Acked;
import org.tta.system.load.Participant;
import org.tta.system.load.Responses;
import org.tta.system.load.SteadyLoad;

/** The end checks of a run, each one a row of the {@link Report}. */
public final class EndChecks {

    private EndChecks() {
    }

    public static void run(Report report, SteadyLoad load, Trails trails) throws Exception {
        List<Acked> acked = load.acked();
        // only this load's sessions: another test (the soak) may have run on the same system before
        Set<String> sessions = Set.copyOf(load.allSessionIds());
        Map<String, List<Trails.Message>> kafkaMessages = only(sessions, trails.kafkaMessages());
        Map<String, List<String>> kafka = new HashMap<>();
        kafkaMessages.forEach((session, messages) -> kafka.put(session, messages.stream().map(Trails.Message::id).toList()));
        Map<String, List<String>> audit = only(sessions, trails.auditMessages());
        Trails.Escalations steps = trails.escalations();
        // Pages of the rules only: a raise of the statistical signal alone (when enabled) is a review, a guess that may
        // land in any session; it is reported, not checked, so that turning the signal on cannot fail this check.
        Map<String, Integer> escalations = only(sessions, steps.paged());
        Map<String, Integer> reviews = only(sessions, steps.reviews());
        Map<String, Integer> timedOut = only(sessions, steps.timedOut());

        Map<String, Long> auditCounts = audit.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long notStored = acked.stream().filter(a -> !auditCounts.containsKey(a.eventId())).count();
        long storedTwice = acked.stream().filter(a -> auditCounts.getOrDefault(a.eventId(), 0L) > 1).count();
        report.check("every 202 event is in the audit trail exactly once", notStored == 0 && storedTwice == 0 && !acked.isEmpty(),
                acked.size() + " acknowledged; " + notStored + " missing; " + storedTwice + " stored more than once");

        Map<String, Acked> ackedById = acked.stream().collect(Collectors.toMap(Acked::eventId, a -> a, (a, b) -> a));
        long kafkaTotal = kafkaMessages.values().stream().mapToLong(List::size).sum();
        Set<String> inKafka = kafka.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        long ackedNotInKafka = acked.stream().filter(a -> !inKafka.contains(a.eventId())).count();
        report.check("every 202 event is in Kafka exactly once", ackedNotInKafka == 0 && inKafka.size() == kafkaTotal,
                kafkaTotal + " session messages in Kafka; " + ackedNotInKafka + " acknowledged ones missing; "
                        + (kafkaTotal - inKafka.size()) + " ids more than once");

        // Nothing may be written without a 202. A repeat of an acknowledged message (same session, same text, another
        // id) is counted apart because it names the failure that used to happen: a gateway killed between the Kafka
        // commit and storing the Idempotency-Key's result, and the retry writing again (ADR 0013 closed it).
        long repeats = 0;
        long unexplained = 0;
        for (var entry : kafkaMessages.entrySet()) {
            Set<String> ackedTexts = entry.getValue().stream().filter(m -> ackedById.containsKey(m.id()))
                    .map(Trails.Message::text).collect(Collectors.toSet());
            for (Trails.Message m : entry.getValue()) {
                if (!ackedById.containsKey(m.id())) {
                    if (ackedTexts.contains(m.text())) {
                        repeats++;
                    } else {
                        unexplained++;
                    }
                }
            }
        }
        report.check("nothing written without a 202", unexplained == 0 && repeats == 0,
                unexplained + " unexplained; " + repeats + " repeats of an acknowledged message (a retry with the same "
                        + "Idempotency-Key wrote it again: see ADR 0013)");

        int sessionsCompared = 0;
        int auditDiffers = 0;
        int socketsDiffer = 0;
        StringBuilder firstDifference = new StringBuilder();
        for (String session : load.sessionIds()) {
            List<String> order = kafka.getOrDefault(session, List.of());
            sessionsCompared++;
            if (!order.equals(audit.getOrDefault(session, List.of()))) {
                auditDiffers++;
                describe(firstDifference, "audit trail", session, order, audit.getOrDefault(session, List.of()));
            }
            for (Participant p : load.participants()) {
                if (p.sessionId().equals(session) && !order.equals(p.received())) {
                    socketsDiffer++;
                    describe(firstDifference, "socket of " + p.name(), session, order, p.received());
                }
            }
        }
        report.check("per-session order is the same in Kafka, in the audit trail and on every participant's socket",
                auditDiffers == 0 && socketsDiffer == 0 && sessionsCompared > 0,
                sessionsCompared + " sessions, " + load.participants().size() + " sockets; " + auditDiffers
                        + " audit trails and " + socketsDiffer + " sockets differ" + firstDifference);

        Set<String> crisisSessions = acked.stream().filter(Acked::crisis).map(Acked::sessionId).collect(Collectors.toSet());
        long notExactlyOne = crisisSessions.stream().filter(s -> escalations.getOrDefault(s, 0) != 1).count();
        long elsewhere = escalations.keySet().stream().filter(s -> !crisisSessions.contains(s)).count();
        report.check("every crisis message produced exactly one escalation",
                !crisisSessions.isEmpty() && notExactlyOne == 0 && elsewhere == 0,
                crisisSessions.size() + " crisis messages acknowledged; " + notExactlyOne + " without exactly one paged "
                        + "escalation; " + elsewhere + " pages in sessions without a crisis message; not checked: "
                        + sum(reviews) + " review escalations (statistical signal alone) in " + reviews.size()
                        + " sessions, " + sum(timedOut) + " of them paged after their review deadline");

        Responses responses = load.responses();
        StringBuilder counts = new StringBuilder();
        for (Responses.Kind kind : Responses.Kind.values()) {
            if (responses.get(kind) > 0) {
                counts.append(counts.isEmpty() ? "" : "; ").append(kind.label).append(": ").append(responses.get(kind));
            }
        }
        report.check("no response other than 2xx, 4xx for bad input, and 503 with Retry-After",
                responses.violationCount() == 0, counts + (responses.violationCount() == 0 ? "" : "; violations " + responses.violations()));

        long problems = load.participants().stream().mapToLong(p -> p.problems().size()).sum();
        int reconnects = load.participants().stream().mapToInt(Participant::reconnects).sum();
        report.check("sockets: no error frame, no resume-unavailable, no unexpected close", problems == 0,
                reconnects + " reconnects with since=<last position>; problems: " + load.participants().stream()
                        .flatMap(p -> p.problems().stream()).distinct().limit(5).toList());
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static <V> Map<String, V> only(Set<String> sessions, Map<String, V> bySession) {
        Map<String, V> mine = new HashMap<>(bySession);
        mine.keySet().retainAll(sessions);
        return mine;
    }

    private static void describe(StringBuilder out, String where, String session, List<String> expected, List<String> actual) {
        if (!out.isEmpty()) {
            return;
        }
        int i = 0;
        while (i < expected.size() && i < actual.size() && Objects.equals(expected.get(i), actual.get(i))) {
            i++;
        }
        Map<String, Integer> seen = new HashMap<>();
        actual.forEach(id -> seen.merge(id, 1, Integer::sum));
        long duplicates = seen.values().stream().filter(n -> n > 1).count();
        out.append(" (first: ").append(where).append(" of session ").append(session).append(" diverges at #").append(i)
                .append(", Kafka has ").append(expected.size()).append(", it has ").append(actual.size())
                .append(", ").append(duplicates).append(" duplicated)");
    }
}
