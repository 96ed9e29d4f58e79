package org.tta.gateway.ratelimit;

/**
 * One budget applied to one kind of key.
 *
 * @param name   the policy name in the {@code RateLimit-Policy} and {@code RateLimit} headers
 * @param scope  the bucket-key part that keeps this policy's buckets apart from the others
 * @param budget the token bucket
 */
record LimitPolicy(String name, String scope, Budget budget) {
}
