package org.tta.gateway.realtime.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.tta.gateway.identity.Caller;
import org.tta.gateway.realtime.RealtimeProperties;
import reactor.core.publisher.Mono;

/**
 * Single-use stream tickets (WebSocket or SSE): 256 random bits, valid for {@code ticket-ttl} (30 s), bound to the
 * caller and one session. Stored under the SHA-256 of the ticket, so the store never holds a usable
 * ticket. Redeeming removes it whether or not it matches, so a ticket works at most once.
 */
@Service
public class TicketService {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final TicketStore store;
    private final RealtimeProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    TicketService(TicketStore store, RealtimeProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** A new ticket for the caller (already checked as a participant) to open the session's socket. */
    public Mono<IssuedTicket> issue(String sessionId, Caller caller, Instant tokenExpiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = URL.encodeToString(bytes);
        Instant expires = clock.instant().plus(properties.ticketTtl());
        return store.put(hash(ticket), Ticket.of(sessionId, caller, tokenExpiresAt), properties.ticketTtl())
                .thenReturn(new IssuedTicket(ticket, sessionId, expires));
    }

    /** The ticket's grant for this session; fails with {@link BadCredentialsException} (401) otherwise. */
    public Mono<Ticket> redeem(String ticket, String sessionId) {
        if (ticket == null || ticket.isEmpty() || ticket.length() > 64) {
            return Mono.error(new BadCredentialsException("A valid ticket is required"));
        }
        return store.take(hash(ticket))
                .filter(grant -> grant.sessionId().equals(sessionId) && grant.tokenExpiresAt().isAfter(clock.instant()))
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("The ticket is unknown, used, expired or for another session")));
    }

    private static String hash(String ticket) {
        try {
            return URL.encodeToString(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
