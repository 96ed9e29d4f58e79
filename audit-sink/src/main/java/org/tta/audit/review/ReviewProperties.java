package org.tta.audit.review;

import java.time.Duration;
import java.util.Base64;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reviewer read API: page sizes, export streaming and the key that signs cursors.
 *
 * @param cursorKey       base64 HMAC-SHA256 key (at least 32 bytes) that signs page cursors; blank = a random key per
 *                        process (cursors then do not survive a restart nor cross instances: set it in production)
 * @param defaultPageSize records per page when the caller does not ask
 * @param maxPageSize     the most records one page returns; a larger {@code limit} is capped to it, not refused
 * @param exportFetchSize rows the JDBC driver fetches per round trip while an export streams
 * @param exportTimeout   longest time one export may stream before it is cut off
 * @param reportMaxRows   the most rows one compliance report lists ({@code truncated} says when there were more)
 */
@Validated
@ConfigurationProperties("tta.audit.review")
public record ReviewProperties(
        @DefaultValue("") String cursorKey,
        @DefaultValue("100") @Min(1) @Max(10_000) int defaultPageSize,
        @DefaultValue("1000") @Min(1) @Max(10_000) int maxPageSize,
        @DefaultValue("500") @Min(10) @Max(100_000) int exportFetchSize,
        @DefaultValue("30m") @NotNull Duration exportTimeout,
        @DefaultValue("10000") @Min(1) @Max(1_000_000) int reportMaxRows) {

    public ReviewProperties {
        if (defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("tta.audit.review.default-page-size must not exceed max-page-size");
        }
        if (cursorKey != null && !cursorKey.isBlank() && decodedKeyLength(cursorKey) < 32) {
            throw new IllegalArgumentException("tta.audit.review.cursor-key must be base64 of at least 32 bytes");
        }
    }

    private static int decodedKeyLength(String key) {
        try {
            return Base64.getDecoder().decode(key.strip()).length;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "ReviewProperties[cursorKey=" + (cursorKey == null || cursorKey.isBlank() ? "<random>" : "<set>")
                + ", defaultPageSize=" + defaultPageSize + ", maxPageSize=" + maxPageSize + ", exportFetchSize="
                + exportFetchSize + ", exportTimeout=" + exportTimeout + ", reportMaxRows=" + reportMaxRows + "]";
    }
}
