package org.tta.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IP address or CIDR range, parsed without any DNS lookup. Immutable. */
record Cidr(byte[] network, int prefixBits) {

    // Literal addresses only: anything else would make InetAddress resolve a host name.
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    static Cidr parse(String text) {
        String value = text == null ? "" : text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null) {
            throw new IllegalArgumentException("not an IP address or CIDR range: '" + text + "'");
        }
        int maxBits = parsed.getAddress().length * 8;
        int bits;
        try {
            bits = slash < 0 ? maxBits : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: '" + text + "'", e);
        }
        if (bits < 0 || bits > maxBits) {
            throw new IllegalArgumentException("CIDR prefix length out of range: '" + text + "'");
        }
        return new Cidr(parsed.getAddress(), bits);
    }

    /** The address if {@code text} is an IPv4 or IPv6 literal (brackets allowed), else null. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!LITERAL.matcher(value).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixBits / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
