package org.tta.gateway.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} values (version 00). Thread-safe. */
final class TraceParents {

    private static final Pattern FORM = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TraceParents() {
    }

    /** A well-formed version-00 value whose ids are not all zero (W3C: anything else is ignored). */
    static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        var matcher = FORM.matcher(value);
        return matcher.matches() && !matcher.group(1).equals(ZERO_TRACE) && !matcher.group(2).equals(ZERO_PARENT);
    }

    /** A new trace, not sampled: the gateway records no span of its own. */
    static String generate() {
        byte[] traceId = new byte[16];
        byte[] parentId = new byte[8];
        do {
            RANDOM.nextBytes(traceId);
            RANDOM.nextBytes(parentId);
        } while (isZero(traceId) || isZero(parentId));
        return "00-" + HEX.formatHex(traceId) + "-" + HEX.formatHex(parentId) + "-00";
    }

    /** The 32-hex-digit trace id of a valid value. */
    static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
