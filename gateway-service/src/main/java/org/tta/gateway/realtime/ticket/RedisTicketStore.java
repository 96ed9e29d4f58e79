package org.tta.gateway.realtime.ticket;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import org.tta.gateway.redis.SharedStateProperties;
import org.tta.gateway.redis.SharedStateUnavailableException;
import org.tta.schemas.json.TtaJson;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Tickets in Redis: {@code SET key EX ttl}, taken with {@code GETDEL}, so any instance redeems a ticket once. */
@Component
@ConditionalOnProperty(name = SharedStateProperties.STORE_PROPERTY, havingValue = "redis", matchIfMissing = true)
class RedisTicketStore implements TicketStore {

    private final ReactiveStringRedisTemplate redis;
    private final SharedStateProperties keys;
    private final JsonMapper json = TtaJson.mapper();

    RedisTicketStore(ReactiveStringRedisTemplate redis, SharedStateProperties keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Mono<Void> put(String key, Ticket ticket, Duration ttl) {
        return redis.opsForValue().set(keys.key("ws-ticket", key), json.writeValueAsString(ticket), ttl)
                .onErrorMap(e -> new SharedStateUnavailableException("ws tickets", e))
                .then();
    }

    @Override
    public Mono<Ticket> take(String key) {
        return redis.opsForValue().getAndDelete(keys.key("ws-ticket", key))
                .onErrorMap(e -> new SharedStateUnavailableException("ws tickets", e))
                .map(value -> json.readValue(value, Ticket.class));
    }
}
