package org.tta.gateway.realtime.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import reactor.core.publisher.Mono;

/** Tickets in this JVM, for the one-instance standalone run. Bounded: expired tickets go at each put. */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "in-memory")
class InMemoryTicketStore implements TicketStore {

    private static final int MAX_TICKETS = 100_000;

    private record Entry(Ticket ticket, Instant expires) {
    }

    private final Map<String, Entry> tickets = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public Mono<Void> put(String key, Ticket ticket, Duration ttl) {
        Instant now = clock.instant();
        tickets.values().removeIf(entry -> entry.expires().isBefore(now));
        if (tickets.size() >= MAX_TICKETS) {
            return Mono.error(new IllegalStateException("too many outstanding tickets"));
        }
        tickets.put(key, new Entry(ticket, now.plus(ttl)));
        return Mono.empty();
    }

    @Override
    public Mono<Ticket> take(String key) {
        return Mono.fromSupplier(() -> {
            Entry entry = tickets.remove(key);
            return entry == null || entry.expires().isBefore(clock.instant()) ? null : entry.ticket();
        });
    }
}
