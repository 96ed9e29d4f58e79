package org.tta.router.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The routing loop.
 *
 * @param groupId           consumer group of the session-event and escalation consumer
 * @param transactionalId   transactional id of this instance's producer; keep it stable across restarts of one
 *                          instance (a pod name) so a restart aborts what a crash left open; blank for a random one
 * @param maxPollRecords    records per poll
 * @param pollTimeout       longest wait for records in one poll while no webhook job is in flight
 * @param busyPollTimeout   longest wait for records in one poll while webhook jobs are in flight (their outcomes
 *                          are applied and committed between polls)
 * @param gatherTimeout     longest wait of the one more poll that follows a poll with records, before the commit:
 *                          records made readable while the last transaction ran join this one instead of waiting
 *                          for it, and then for their own (docs/benchmarks/realtime.md); 0 for no second poll
 * @param commitInterval    shortest time between two commits of finished records (each commit is one transaction
 *                          with their offsets and held Kafka outputs); finished records wait up to this long, and
 *                          the loop polls no longer than that while they wait; 0 (default) commits whenever a
 *                          prefix grows (measured: fewer transactions bought no throughput, and the wait would
 *                          delay live deliveries; docs/benchmarks/router.md)
 * @param commitBatch       finished, uncommitted records that make a commit due before {@code commitInterval} ends
 * @param maxPendingPerPartition routed records one partition may hold before their offsets are committed; at this
 *                          many the partition is paused (resumed below it)
 * @param maxQueuedPerSession jobs one webhook lane (an ordered subscription's session on one partition) may hold; at
 *                          this many its partition is paused (resumed below it)
 * @param participantTypes  event types the built-in session-participants route sends to {@code tta.deliveries.v1}
 * @param allowHttp         which plain {@code http://} webhook sinks are allowed: NONE, LOOPBACK or ANY
 * @param subscriptionsWait longest wait at start-up for the subscriptions table to catch up before routing
 */
@Validated
@ConfigurationProperties("tta.router")
public record RouterProperties(
        @DefaultValue("event-router") @NotEmpty String groupId,
        @DefaultValue("") @NotNull String transactionalId,
        @DefaultValue("500") @Min(1) @Max(10_000) int maxPollRecords,
        @DefaultValue("200ms") @NotNull Duration pollTimeout,
        @DefaultValue("10ms") @NotNull Duration busyPollTimeout,
        @DefaultValue("2ms") @NotNull Duration gatherTimeout,
        @DefaultValue("0ms") @NotNull Duration commitInterval,
        @DefaultValue("500") @Min(1) @Max(1_000_000) int commitBatch,
        @DefaultValue("2000") @Min(1) @Max(1_000_000) int maxPendingPerPartition,
        @DefaultValue("500") @Min(1) @Max(100_000) int maxQueuedPerSession,
        @DefaultValue("org.tta.session.message.v1") @NotNull List<String> participantTypes,
        @DefaultValue("NONE") @NotNull InsecureHttp allowHttp,
        @DefaultValue("60s") @NotNull Duration subscriptionsWait) {

    @AssertTrue(message = "tta.router.commit-interval must be between 0 and 10s")
    public boolean isCommitIntervalSane() {
        return commitInterval == null
                || (!commitInterval.isNegative() && commitInterval.compareTo(Duration.ofSeconds(10)) <= 0);
    }

    @AssertTrue(message = "tta.router.gather-timeout must be between 0 and 1s")
    public boolean isGatherTimeoutSane() {
        return gatherTimeout == null
                || (!gatherTimeout.isNegative() && gatherTimeout.compareTo(Duration.ofSeconds(1)) <= 0);
    }

    /** Where plain HTTP webhooks are allowed. */
    public enum InsecureHttp { NONE, LOOPBACK, ANY }
}
