package org.tta.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.tta.gateway.identity.Caller;
import org.tta.platform.security.Roles;

/**
 * Rate limits, load shedding and the IP block list ({@code tta.gateway.rate-limits.*}).
 *
 * @param enabled        off: no limits, no shedding, no block list (benchmarks only)
 * @param exemptPaths    path patterns never limited (health probes and metric scrapes)
 * @param ip             budget of one client IP address, authenticated or not (flood protection)
 * @param classes        budget of one caller per priority class
 * @param roles          budget of one caller per role ({@code patient}, ..., {@code service}); overrides the class budget
 * @param routes         budgets for particular routes; the first matching route wins and has buckets of its own
 * @param block          when an IP address goes on the temporary block list
 * @param shedding       Kafka pressure at which each class is shed (clinical traffic never is)
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed;
 *                       empty: the client is always the TCP peer
 * @param redis          how long to wait for Redis and how the local fallback limiter is bounded
 */
@Validated
@ConfigurationProperties("tta.gateway.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("/actuator/**") @NotNull List<String> exemptPaths,
        @Valid Budget ip,
        @DefaultValue @Valid @NotNull ClassBudgets classes,
        Map<String, @Valid Budget> roles,
        List<@Valid RouteLimit> routes,
        @DefaultValue @Valid @NotNull BlockPolicy block,
        @DefaultValue @Valid @NotNull Shedding shedding,
        @DefaultValue @NotNull List<String> trustedProxies,
        @DefaultValue @Valid @NotNull RedisFallback redis) {

    /** Role names a {@code roles} entry may use. */
    static final Set<String> KNOWN_ROLES = Set.of(Roles.PATIENT, Roles.THERAPIST, Roles.CLINICAL_REVIEWER,
            Roles.OPS, Roles.ADMIN, Caller.SERVICE);

    public RateLimitProperties {
        ip = ip != null ? ip : Budget.of(2000, 1200, Duration.ofMinutes(1));
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        routes = routes == null ? List.of() : List.copyOf(routes);
        for (String role : roles.keySet()) {
            if (!KNOWN_ROLES.contains(role)) {
                throw new IllegalArgumentException("tta.gateway.rate-limits.roles: unknown role '" + role + "', expected one of " + KNOWN_ROLES);
            }
        }
        trustedProxies.forEach(Cidr::parse);
    }

    /**
     * One budget per priority class. Clinical must be at least as generous as participant and
     * administrative traffic: therapists are never starved by the budgets meant to protect them.
     */
    public record ClassBudgets(@Valid Budget clinical, @Valid Budget participant, @Valid Budget service,
                               @Valid Budget administrative) {

        public ClassBudgets {
            clinical = clinical != null ? clinical : Budget.of(1200, 600, Duration.ofMinutes(1));
            participant = participant != null ? participant : Budget.of(300, 120, Duration.ofMinutes(1));
            service = service != null ? service : Budget.of(10_000, 6000, Duration.ofMinutes(1));
            administrative = administrative != null ? administrative : Budget.of(300, 120, Duration.ofMinutes(1));
            for (Budget lower : List.of(participant, administrative)) {
                if (clinical.capacity() < lower.capacity() || clinical.ratePerSecond() < lower.ratePerSecond()) {
                    throw new IllegalArgumentException("tta.gateway.rate-limits.classes.clinical must be at least as large"
                            + " as the participant and administrative budgets");
                }
            }
        }

        Budget of(PriorityClass priority) {
            return switch (priority) {
                case CLINICAL -> clinical;
                case PARTICIPANT -> participant;
                case SERVICE -> service;
                case ADMINISTRATIVE -> administrative;
            };
        }
    }

    /**
     * @param duration           how long a blocked address stays blocked
     * @param authFailures       more authentication failures than this within {@code authFailureWindow} block the address
     * @param authFailureWindow  the window for counting authentication failures
     * @param floods             more rejections by the IP budget than this within {@code floodWindow} block the address
     * @param floodWindow        the window for counting IP-budget rejections
     * @param cacheTtl           how long an instance trusts its local copy of an address's block status
     */
    public record BlockPolicy(
            @DefaultValue("10m") @NotNull Duration duration,
            @DefaultValue("20") @Min(1) @Max(1_000_000) int authFailures,
            @DefaultValue("1m") @NotNull Duration authFailureWindow,
            @DefaultValue("30") @Min(1) @Max(1_000_000) int floods,
            @DefaultValue("1m") @NotNull Duration floodWindow,
            @DefaultValue("1s") @NotNull Duration cacheTtl) {

        public BlockPolicy {
            for (Duration d : new Duration[] {duration, authFailureWindow, floodWindow, cacheTtl}) {
                if (d != null && (d.isNegative() || d.isZero())) {
                    throw new IllegalArgumentException("tta.gateway.rate-limits.block durations must be positive");
                }
            }
        }
    }

    /**
     * Kafka write-path utilization (0..1, from the publisher) at or above which a class is answered
     * 503. Lower classes must be shed first; a value above 1 never sheds that class.
     *
     * @param administrative threshold for reviewers, operators and administrators
     * @param service        threshold for backend services
     * @param participant    threshold for patients
     * @param retryAfter     the {@code Retry-After} of a shed request
     */
    public record Shedding(
            @DefaultValue("0.7") @DecimalMin("0.0") double administrative,
            @DefaultValue("0.85") @DecimalMin("0.0") double service,
            @DefaultValue("0.95") @DecimalMin("0.0") double participant,
            @DefaultValue("5s") @NotNull Duration retryAfter) {

        public Shedding {
            if (administrative > service || service > participant) {
                throw new IllegalArgumentException("tta.gateway.rate-limits.shedding: thresholds must rise"
                        + " administrative <= service <= participant (lowest priority shed first)");
            }
        }

        /** The threshold of a class; clinical traffic is never shed. */
        double threshold(PriorityClass priority) {
            return switch (priority) {
                case CLINICAL -> Double.POSITIVE_INFINITY;
                case PARTICIPANT -> participant;
                case SERVICE -> service;
                case ADMINISTRATIVE -> administrative;
            };
        }
    }

    /**
     * @param timeout            longest wait for a Redis answer before the local limiter decides
     * @param retryInterval      after a failure, how long Redis is left alone before it is tried again
     * @param localMaxBuckets    buckets the local limiter keeps at most (least recently used go first)
     * @param localIdleExpiry    a local bucket unused this long is forgotten
     * @param escalationCacheTtl how long an instance trusts its local copy of a session's escalation status
     * @param leaseMaxTokens     the most tokens an instance takes from a busy shared bucket at once (1: one per request)
     * @param leaseMaxShare      the most an instance takes from a shared bucket at once, as a share of its capacity
     * @param leaseTtl           how long an instance may use tokens it took; what is left then is dropped
     */
    public record RedisFallback(
            @DefaultValue("500ms") @NotNull Duration timeout,
            @DefaultValue("5s") @NotNull Duration retryInterval,
            @DefaultValue("100000") @Min(100) @Max(10_000_000) long localMaxBuckets,
            @DefaultValue("10m") @NotNull Duration localIdleExpiry,
            @DefaultValue("2s") @NotNull Duration escalationCacheTtl,
            @DefaultValue("64") @Min(1) @Max(10_000) long leaseMaxTokens,
            @DefaultValue("0.02") @DecimalMin("0.0") @DecimalMax("0.5") double leaseMaxShare,
            @DefaultValue("1s") @NotNull Duration leaseTtl) {

        public RedisFallback {
            if (leaseTtl != null && (leaseTtl.isNegative() || leaseTtl.isZero())) {
                throw new IllegalArgumentException("tta.gateway.rate-limits.redis.lease-ttl must be positive");
            }
        }
    }
}
