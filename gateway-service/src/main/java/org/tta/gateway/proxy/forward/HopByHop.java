package org.tta.gateway.proxy.forward;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;

/** Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection and are never relayed. */
final class HopByHop {

    static final Set<String> NAMES = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** The hop-by-hop names plus those the message's own {@code Connection} header lists, lower case. */
    static Set<String> of(HttpHeaders headers) {
        Set<String> names = new TreeSet<>(NAMES);
        for (String value : headers.getOrEmpty(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
