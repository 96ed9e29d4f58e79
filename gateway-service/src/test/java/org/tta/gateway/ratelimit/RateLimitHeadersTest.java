package org.tta.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RateLimitHeadersTest {

    private static final LimitPolicy USER = new LimitPolicy("user", "all", Budget.of(100, 100, Duration.ofMinutes(1)));
    private static final LimitPolicy IP = new LimitPolicy("ip", "ip", Budget.of(600, 300, Duration.ofMinutes(1)));

    @Test
    void describesThePolicyWithQuotaAndTheSecondsToRefillFromEmpty() {
        assertThat(RateLimitHeaders.policyItem(USER)).isEqualTo("\"user\";q=100;w=60");
        assertThat(RateLimitHeaders.policyItem(IP)).isEqualTo("\"ip\";q=600;w=120");
        assertThat(RateLimitHeaders.policyItem(new LimitPolicy("burst", "b", Budget.of(10, 3, Duration.ofSeconds(1)))))
                .as("a fractional window rounds up").isEqualTo("\"burst\";q=10;w=4");
    }

    @Test
    void reportsRemainingTokensAndSecondsUntilFullWhenAllowed() {
        Decision allowed = new Decision(USER, true, 42, 0, Duration.ofMillis(16_200).toNanos());
        assertThat(RateLimitHeaders.stateItem(allowed)).isEqualTo("\"user\";r=42;t=17");
    }

    @Test
    void reportsNothingLeftAndTheRetryDelayWhenRejected() {
        Decision rejected = new Decision(USER, false, 0, Duration.ofMillis(400).toNanos(), Duration.ofSeconds(60).toNanos());
        assertThat(RateLimitHeaders.stateItem(rejected)).isEqualTo("\"user\";r=0;t=1");
        assertThat(rejected.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void listsEveryPolicyThatAppliedInOneFieldEach() {
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.apply(headers, new Decision(IP, true, 599, 0, Duration.ofMillis(200).toNanos()));
        RateLimitHeaders.apply(headers, new Decision(USER, true, 99, 0, Duration.ofMillis(600).toNanos()));

        assertThat(headers.get(RateLimitHeaders.POLICY)).containsExactly("\"ip\";q=600;w=120, \"user\";q=100;w=60");
        assertThat(headers.get(RateLimitHeaders.STATE)).containsExactly("\"ip\";r=599;t=1, \"user\";r=99;t=1");
    }

    @Test
    void writesPolicyNamesAsStructuredFieldStrings() {
        assertThat(RateLimitHeaders.string("messages-user")).isEqualTo("\"messages-user\"");
        assertThat(RateLimitHeaders.string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(RateLimitHeaders.string("tab\there\u00e9")).as("non-printable and non-ASCII are dropped").isEqualTo("\"tabhere\"");
    }
}
