package org.tta.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.publisher.Mono;

/**
 * The rate limiter's own Lettuce connection (string keys, byte values) and the Bucket4j proxy
 * manager on it. It connects on first use, never at start-up, so the gateway starts and serves
 * while Redis is down; a failed connect is retried by a later call. Its client rejects commands
 * while disconnected instead of queueing them, so an outage is noticed at once.
 */
final class RateLimitRedis implements DisposableBean {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** A bucket's key outlives its full refill by this much, then Redis drops it. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<CompletableFuture<Session>> session = new AtomicReference<>();

    /** The connection and the proxy manager that uses it. */
    record Session(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {
        RedisAsyncCommands<String, byte[]> commands() {
            return connection.async();
        }
    }

    RateLimitRedis(RedisClient client, RedisURI uri) {
        this.client = client;
        this.uri = uri;
    }

    /** The session, connecting if there is none or the last attempt failed. Cancelling the Mono leaves the connect running. */
    Mono<Session> session() {
        return Mono.fromFuture(this::current, true);
    }

    private CompletableFuture<Session> current() {
        CompletableFuture<Session> existing = session.get();
        if (existing != null && !existing.isCompletedExceptionally()) {
            return existing;
        }
        CompletableFuture<Session> attempt = new CompletableFuture<>();
        if (!session.compareAndSet(existing, attempt)) {
            return session.get();
        }
        try {
            client.connectAsync(CODEC, uri).whenComplete((connection, error) -> {
                if (error != null) {
                    attempt.completeExceptionally(error);
                } else {
                    attempt.complete(new Session(connection, Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                            .build()
                            .asAsync()));
                }
            });
        } catch (RuntimeException e) {
            attempt.completeExceptionally(e);
        }
        return attempt;
    }

    @Override
    public void destroy() {
        CompletableFuture<Session> existing = session.getAndSet(null);
        if (existing != null) {
            existing.thenAccept(s -> s.connection().closeAsync());
        }
        // Closes this client's connections; shared client resources (event loops) stay with their owner.
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
