package org.tta.gateway.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.tta.gateway.identity.Caller;

/** The authenticated CloudEvents {@code source} of a service: {@code urn:tta:service:<client id>}. */
final class ServiceSources {

    static final String PREFIX = "urn:tta:service:";

    private ServiceSources() {
    }

    /** From the token's {@code azp}/{@code client_id}, or its subject when it names no client. */
    static URI of(Caller caller) {
        String client = caller.clientId() != null ? caller.clientId() : caller.subject();
        return URI.create(PREFIX + encode(client));
    }

    /** Percent-encodes all but RFC 3986 unreserved characters, so any client id makes a valid URN. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
