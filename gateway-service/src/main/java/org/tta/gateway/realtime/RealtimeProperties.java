package org.tta.gateway.realtime;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Real-time delivery over WebSocket and SSE.
 *
 * @param ticketTtl             lifetime of a stream ticket (single use, WebSocket or SSE)
 * @param outboundBuffer        frames queued per connection before it counts as a slow consumer and is closed
 * @param maxConnectionsPerUser open WebSocket and SSE connections one subject may hold, on all instances together
 * @param framesPerSecond       sustained inbound frames per connection; a burst of twice this is allowed
 * @param maxFrameBytes         largest inbound WebSocket frame payload
 * @param idleTimeout           a connection with no inbound frame (pong included) for this long is closed
 * @param heartbeat             interval of server pings (WebSocket) and comment lines (SSE)
 * @param presenceTtl           a presence entry or connection slot not refreshed for this long is gone (its instance died)
 * @param maxReplay             most events one resume replays; a longer gap answers resume-unavailable
 * @param replayConcurrency     resumes read from Kafka at once per instance; more wait in a bounded queue
 * @param shutdownGrace         longest wait for in-flight message frames to be acknowledged at shutdown
 * @param closeTimeout          longest a closing WebSocket may take to get its close frame out; then the TCP
 *                              connection is dropped (a client that stopped reading holds nothing longer)
 * @param writeStallTimeout     longest one write to an SSE stream may wait for the client to read; then its TCP
 *                              connection is dropped (the client resumes with Last-Event-ID)
 */
@Validated
@ConfigurationProperties("tta.gateway.realtime")
public record RealtimeProperties(
        @DefaultValue("30s") @NotNull Duration ticketTtl,
        @DefaultValue("256") @Min(1) @Max(65536) int outboundBuffer,
        @DefaultValue("8") @Min(1) int maxConnectionsPerUser,
        @DefaultValue("20") @Min(1) int framesPerSecond,
        @DefaultValue("16384") @Min(256) @Max(1048576) int maxFrameBytes,
        @DefaultValue("60s") @NotNull Duration idleTimeout,
        @DefaultValue("20s") @NotNull Duration heartbeat,
        @DefaultValue("45s") @NotNull Duration presenceTtl,
        @DefaultValue("10000") @Min(1) int maxReplay,
        @DefaultValue("4") @Min(1) @Max(64) int replayConcurrency,
        @DefaultValue("5s") @NotNull Duration shutdownGrace,
        @DefaultValue("5s") @NotNull Duration closeTimeout,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration writeStallTimeout) {
}
